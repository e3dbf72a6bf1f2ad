//! minh: a static-site generator for Vietnamese drug-treatment plans, providers, hotlines and statistics.
//!
//! The pipeline is explicit phases, one folder each, with immutable data between them:
//! [`load`] reads sources, [`stats`] loads and protects statistics, [`resolve`] links them into a
//! [`resolve::Site`], [`render`] turns that into in-memory pages in parallel, [`outputs`] makes the
//! site-wide files (feeds, sitemap, open data, search index), [`check`] checks links and [`write`]
//! swaps everything into the output folder. [`build`] runs the phases for `minh build`, `minh check`
//! and `minh serve`; the other top-level modules are leaves every phase may use.

pub mod build;
pub mod catalogue;
pub mod check;
pub mod date;
pub mod diagnostics;
pub mod history;
pub mod hsds;
pub mod import;
pub mod lang;
pub mod load;
pub mod markdown;
pub mod memory;
pub mod messages;
pub mod new;
pub mod nfc;
pub mod outputs;
pub mod phone;
pub mod progress;
pub mod render;
pub mod resolve;
pub mod searchkeep;
pub mod serve;
pub mod slug;
pub mod stamp;
pub mod stats;
pub mod text;
pub mod vocab;
pub mod walk;
pub mod worddiff;
pub mod write;
pub mod xml;
pub mod yaml;
