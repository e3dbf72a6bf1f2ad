//! minh: a static-site generator for Vietnamese drug-treatment plans, providers, hotlines and statistics.
//!
//! The pipeline is four explicit phases, each in its own module, with immutable data between them:
//! [`load`] reads sources, [`resolve`] links them into a [`resolve::Site`], [`render`] turns that
//! into in-memory files in parallel, and [`write`] swaps them into the output folder. [`build`]
//! runs the phases for `minh build`, `minh check` and `minh serve`.

pub mod build;
pub mod catalogue;
pub mod changes;
pub mod check;
pub mod config;
pub mod date;
pub mod diagnostics;
pub mod feeds;
pub mod fields;
pub mod finder;
pub mod front;
pub mod history;
pub mod hsds;
pub mod import;
pub mod lang;
pub mod laws;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod new;
pub mod nfc;
pub mod offline;
pub mod opendata;
pub mod phone;
pub mod places;
pub mod provenance;
pub mod records;
pub mod render;
pub mod resolve;
pub mod routes;
pub mod searchindex;
pub mod serve;
pub mod slug;
pub mod stats;
pub mod text;
pub mod theme;
pub mod view;
pub mod vocab;
pub mod worddiff;
pub mod write;
pub mod yaml;
