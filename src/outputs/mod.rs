//! Phase 4, site-wide outputs: feeds, sitemap, open data and the search index, made from the rendered site.

pub mod feeds;
pub mod opendata;
pub mod searchindex;
