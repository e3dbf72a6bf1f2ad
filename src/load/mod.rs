//! Phase 1, load: read every source file of the site into typed, unresolved records.

pub mod checks;
pub mod config;
pub mod explained;
pub mod fields;
pub mod file;
pub mod front;
pub mod kinds;
pub mod places;
pub mod provenance;
pub mod records;
pub mod sheets;
pub mod source;
pub mod template_parts;
pub mod theme;

pub use file::line_col;
pub use kinds::{Kind, KindSpec, KINDS};
pub use source::{load_source, stem_and_lang, DraftFile, LoadOptions, Source};

use crate::diagnostics::Diagnostics;
use crate::lang::Lang;
use crate::load::config::Config;
use crate::load::records::Records;
use std::path::Path;

/// Everything loaded from disk.
pub struct Loaded {
    pub config: Config,
    pub sources: Vec<Source>,
    pub records: Records,
    pub theme: crate::load::theme::Theme,
    /// What changed in each content file and when, from the repository.
    pub history: std::sync::Arc<crate::history::History>,
}

/// Reads `site.yaml`, the theme and everything under `content/`.
pub fn load(
    root: &Path,
    base_url: Option<&str>,
    opts: LoadOptions,
) -> Result<(Loaded, Diagnostics), Diagnostics> {
    let (history, loaded) = rayon::join(
        || crate::history::read(root),
        || load_inputs(root, base_url, opts),
    );
    let (mut loaded, diags) = loaded?;
    let since = loaded.config.history.notes_since;
    loaded.history = std::sync::Arc::new(history.notes_since(since));
    Ok((loaded, diags))
}

/// Everything but the history.
fn load_inputs(
    root: &Path,
    base_url: Option<&str>,
    opts: LoadOptions,
) -> Result<(Loaded, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let config = match Config::load(root, base_url) {
        Ok(c) => Some(c),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    let theme_name = config
        .as_ref()
        .map(|c| c.theme.as_str())
        .unwrap_or("default");
    let langs = match &config {
        Some(c) => c.langs(),
        None => Config::read_languages(root),
    };
    let theme = crate::load::theme::Theme::load(root, theme_name, langs);
    let markdown = source::load_markdown(root, opts, langs);
    diags.extend(crate::nfc::scan_except(
        root,
        theme_name,
        &markdown.files,
        markdown.not_nfc,
    ));
    let (sources, drafts) = (markdown.sources, markdown.drafts);
    diags.extend(markdown.diagnostics);
    let lang_list: Vec<Lang> = langs.iter().collect();
    let mut records = records::load(root, &lang_list, opts, &mut diags);
    records.drafts.extend(drafts);
    diags.extend(checks::check_references(&sources, &records.facilities));
    diags.extend(checks::check_front_inferred(&sources));
    let theme = match theme {
        Ok(t) => {
            diags.extend(t.warnings.clone());
            Some(t)
        }
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    match (config, theme) {
        (Some(config), Some(theme)) if !diags.has_errors() => Ok((
            Loaded {
                config,
                sources,
                records,
                theme,
                history: Default::default(),
            },
            diags,
        )),
        _ => Err(diags),
    }
}
