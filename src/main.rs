//! The `minh` command line: build, check, serve, new, import.

use clap::{Parser, Subcommand};
use minh::build::{self, Options};
use minh::date::Date;
use minh::diagnostics::{self, Diagnostics, Format};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The allocator: see [`minh::memory::Allocator`].
#[global_allocator]
static ALLOCATOR: minh::memory::Allocator = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "minh",
    version,
    about = "Builds the bilingual public website of drug-treatment plans, providers, hotlines and statistics"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of messages: one of the site's languages (`languages:` in site.yaml), or vi
    /// or en (default: MINH_LANG, then the system locale, then the site's default language).
    #[arg(long, global = true)]
    lang: Option<String>,
}

impl Command {
    /// The site's folder the command works in.
    fn root(&self) -> &Path {
        match self {
            Command::Build { common, .. }
            | Command::Check { common, .. }
            | Command::Serve { common, .. } => &common.root,
            Command::New { root, .. }
            | Command::Import {
                what: ImportWhat::Plan { root, .. } | ImportWhat::Hsds { root, .. },
            } => root,
        }
    }
}

/// The site's languages as `site.yaml` lists them (empty when it cannot be read: the build
/// then says what is wrong with it).
fn site_languages(root: &Path) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Listed {
        #[serde(default)]
        languages: Vec<String>,
    }
    std::fs::read_to_string(root.join("site.yaml"))
        .ok()
        .and_then(|t| serde_saphyr::from_str::<Listed>(&t).ok())
        .map(|l| l.languages)
        .unwrap_or_default()
}

/// Chooses the language of this run's messages (and reads its translations); `Err` when
/// `--lang` or `MINH_LANG` names a language the site does not have.
fn choose_language(cli: &Cli) -> Result<(), minh::catalogue::Said> {
    let root = cli.command.root();
    let langs = site_languages(root);
    let langs: Vec<&str> = langs.iter().map(String::as_str).collect();
    let setup = match minh::messages::choose(cli.lang.as_deref(), &langs) {
        Ok(setup) => setup,
        Err(refused) => {
            // Said in the site's default language (English outside a site).
            let default = langs
                .first()
                .and_then(|c| minh::messages::MsgLang::from_code(c))
                .unwrap_or(minh::messages::MsgLang::EN);
            minh::messages::set(minh::messages::Setup::new(default, default));
            return Err(minh::catalogue::cli::unknown_message_language(
                refused.option,
                &refused.code,
                &refused.choices,
            ));
        }
    };
    let Some(file) = setup.translations_file() else {
        minh::messages::set(setup);
        return Ok(());
    };
    let Ok(text) = std::fs::read_to_string(root.join(&file)) else {
        minh::messages::set(setup);
        return Ok(());
    };
    match setup.clone().with_translations(&minh::nfc::text(text)) {
        Ok(translated) => minh::messages::set(translated),
        Err(detail) => {
            minh::messages::set(setup);
            warn(minh::catalogue::cli::bad_messages_file(
                &file.display().to_string(),
                &detail,
            ));
        }
    }
    Ok(())
}

#[derive(clap::Args, Clone)]
struct Common {
    /// The site's folder (with site.yaml and content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Overrides base_url from site.yaml.
    #[arg(long)]
    base_url: Option<String>,
    /// The date to check staleness against (YYYY-MM-DD), default today.
    #[arg(long, env = "MINH_TODAY")]
    today: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Builds the site into the output folder; the previous output stays if anything fails.
    Build {
        #[command(flatten)]
        common: Common,
        /// Where to write the site (default: public/ in the site's folder).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
    },
    /// Checks everything build checks, plus links and anchors; writes nothing.
    Check {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Builds with drafts, serves the site locally, rebuilds on every edit and reloads open pages.
    Serve {
        #[command(flatten)]
        common: Common,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Allow --bind to an address other than loopback (other computers can then read drafts).
        #[arg(long)]
        allow_remote: bool,
    },
    /// Writes a ready-to-fill draft in every language of the site: plan, facility, update, page or law.
    New {
        /// What to write.
        #[arg(value_enum)]
        kind: minh::new::NewKind,
        /// The file name: lowercase ASCII letters, digits and dashes (e.g. ke-hoach-2026).
        name: String,
        /// The site's folder (with site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The date to write (YYYY-MM-DD), default today.
        #[arg(long, env = "MINH_TODAY")]
        today: Option<String>,
    },
    /// Reads a plan's Word (.docx) or text (.txt, .md) copy and writes its page, with a report.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// Imports a plan: writes content/plans/<name>.vi.md (never over an existing file).
    Plan {
        /// The plan's file: .docx, .txt or .md.
        file: PathBuf,
        /// The page's file name (lowercase ASCII, digits, dashes); default: place, number and year.
        #[arg(long)]
        name: Option<String>,
        /// The province, when the document does not name it.
        #[arg(long)]
        province: Option<String>,
        /// The site's folder (with site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Reads back the HSDS 3.0 packages a minh site publishes (data/hsds/, one language's folder, or a
    /// services.json) and writes one provider record per service (never over an existing file).
    Hsds {
        /// data/hsds/ of a published site, data/hsds/<lang>/, or a services.json file.
        from: PathBuf,
        /// Where to write the records; default: content/facilities/ of the site.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The site's folder (with site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn options(c: &Common, drafts: bool) -> Result<Options, minh::date::BadDate> {
    let today = match &c.today {
        Some(s) => Date::parse(s)?,
        None => Date::today(),
    };
    Ok(Options {
        root: c.root.clone(),
        base_url: c.base_url.clone(),
        include_drafts: drafts,
        today,
    })
}

/// Prints a catalogued problem that is not about a file of the site (an option, the output folder).
fn say(said: minh::catalogue::Said) {
    let lang = minh::messages::current();
    let label = minh::catalogue::label_error();
    eprintln!(
        "{}[{}]: {}",
        label.get_plain(lang),
        said.code,
        said.message.get(lang)
    );
    if let Some(fix) = said.fix {
        eprintln!(
            "    {}: {}",
            minh::catalogue::label_fix().get_plain(lang),
            fix.get(lang)
        );
    }
}

/// Prints a catalogued warning that is not about a file of the site.
fn warn(said: minh::catalogue::Said) {
    let lang = minh::messages::current();
    eprintln!(
        "{}[{}]: {}",
        minh::catalogue::label_warning().get_plain(lang),
        said.code,
        said.message.get(lang)
    );
    if let Some(fix) = said.fix {
        eprintln!(
            "    {}: {}",
            minh::catalogue::label_fix().get_plain(lang),
            fix.get(lang)
        );
    }
}

fn report(diags: &Diagnostics, format: Format) {
    let text = diagnostics::render(&diags.clone().sorted(), format);
    match format {
        Format::Text => eprint!("{text}"),
        _ => print!("{text}"),
    }
}

fn main() -> ExitCode {
    minh::memory::configure();
    let cli = Cli::parse();
    if let Err(said) = choose_language(&cli) {
        say(said);
        return ExitCode::FAILURE;
    }
    match cli.command {
        Command::Build {
            common,
            output,
            drafts,
        } => cmd_build(&common, output, drafts),
        Command::Check { common, format } => cmd_check(&common, format),
        Command::Serve {
            common,
            bind,
            port,
            allow_remote,
        } => cmd_serve(&common, bind, port, allow_remote),
        Command::New {
            kind,
            name,
            root,
            today,
        } => cmd_new(kind, &name, &root, today.as_deref()),
        Command::Import {
            what:
                ImportWhat::Plan {
                    file,
                    name,
                    province,
                    root,
                },
        } => cmd_import_plan(file, name, province, root),
        Command::Import {
            what: ImportWhat::Hsds { from, out, root },
        } => cmd_import_hsds(&from, out.as_deref(), &root),
    }
}

fn cmd_import_hsds(from: &Path, out: Option<&Path>, root: &Path) -> ExitCode {
    let lang = minh::messages::current();
    match minh::hsds::import::run_in_site(root, from, out) {
        Ok(done) => {
            let langs: Vec<&str> = done.languages.iter().map(|l| l.code()).collect();
            let dir = out
                .map(Path::to_path_buf)
                .unwrap_or_else(|| root.join("content/facilities"));
            println!(
                "{}",
                minh::catalogue::import::hsds_done(
                    done.files.len(),
                    &langs.join(", "),
                    &dir.display().to_string()
                )
                .get(lang)
            );
            ExitCode::SUCCESS
        }
        Err(said) => {
            say(said);
            ExitCode::FAILURE
        }
    }
}

fn cmd_import_plan(
    file: PathBuf,
    name: Option<String>,
    province: Option<String>,
    root: PathBuf,
) -> ExitCode {
    let start = Instant::now();
    let lang = minh::messages::current();
    let opts = minh::import::Options {
        root,
        file: file.clone(),
        name,
        province,
    };
    match minh::import::run(&opts) {
        Ok(imported) => {
            print!(
                "{}",
                minh::import::report::render(&imported, lang, start.elapsed())
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", minh::import::report::error(&e, &file).to_text(lang));
            ExitCode::FAILURE
        }
    }
}

fn cmd_build(common: &Common, output: Option<PathBuf>, drafts: bool) -> ExitCode {
    let start = Instant::now();
    let opts = match options(common, drafts) {
        Ok(o) => o,
        Err(e) => {
            say(minh::catalogue::cli::bad_today(&e.value));
            return ExitCode::FAILURE;
        }
    };
    let out = output.unwrap_or_else(|| common.root.join("public"));
    // Everything besides the files that changes the output (or what is printed).
    let settings = format!(
        "base_url={:?} drafts={drafts} today={} msg={:?}",
        opts.base_url,
        opts.today,
        minh::messages::current()
    );
    let scan_start = Instant::now();
    let inputs = minh::stamp::scan(&opts.root, &out, &settings);
    if std::env::var_os("MINH_TIMINGS").is_some() {
        eprintln!(
            "input scan: {:.0} ms",
            scan_start.elapsed().as_secs_f64() * 1000.0
        );
    }
    if let Some(said) = minh::stamp::unchanged(&out, &inputs) {
        eprint!("{said}");
        eprintln!(
            "{}",
            minh::catalogue::cli::unchanged(
                &out.display().to_string(),
                start.elapsed().as_secs_f64() * 1000.0
            )
            .get(minh::messages::current())
        );
        return ExitCode::SUCCESS;
    }
    let progress = minh::progress::Progress::on_stderr();
    let changed = minh::stamp::changed_since(&out, &inputs);
    let built = build::run_into_since(&opts, &out, &progress, changed.as_deref());
    progress.finish();
    match built {
        Ok(written) => {
            report(&written.diagnostics, Format::Text);
            let tw = Instant::now();
            minh::stamp::forget(&out);
            let swapped = written.staged.swap();
            if swapped.is_ok() {
                minh::stamp::keep_graph(&out, written.graph.as_deref());
                minh::searchkeep::keep(&out, written.search);
            }
            if std::env::var_os("MINH_TIMINGS").is_some() {
                eprintln!("swap: {:.0} ms", tw.elapsed().as_secs_f64() * 1000.0);
                eprintln!(
                    "files: {} in all; pages: {} rendered, {} kept from the previous build; {} site-wide files and assets made; search indexes kept as they were: {}",
                    written.paths.len(),
                    written.rendered,
                    written.kept,
                    written.paths.len() - written.rendered - written.kept,
                    written.indexes_kept
                );
            }
            if let Err(e) = swapped {
                say(minh::catalogue::cli::cannot_write(
                    &out.display().to_string(),
                    &e,
                ));
                return ExitCode::FAILURE;
            }
            let paths: Vec<&std::path::Path> = written.paths.iter().map(|p| p.as_path()).collect();
            let summary = build::summary_of(
                &written.site,
                &out.display().to_string(),
                &paths,
                &written.diagnostics,
                &written.timings,
                start.elapsed(),
            );
            eprintln!("{summary}");
            let said = diagnostics::render(&written.diagnostics.clone().sorted(), Format::Text);
            minh::stamp::record(&out, &settings, &inputs, &said);
            // The process ends here: the site's memory goes back with it, not freed block by
            // block (at 10 000 pages that took 12 ms of the build's 1.5 s, on one core).
            std::mem::forget(written.site);
            ExitCode::SUCCESS
        }
        Err(build::Failed::Write(e)) => {
            say(minh::catalogue::cli::cannot_write(
                &out.display().to_string(),
                &e,
            ));
            ExitCode::FAILURE
        }
        Err(build::Failed::Input(diags)) => {
            report(&diags, Format::Text);
            let line = minh::catalogue::cli::build_failed(
                diags.errors(),
                diags.warnings(),
                &out.display().to_string(),
            );
            eprintln!("{line}");
            ExitCode::FAILURE
        }
    }
}

fn cmd_check(common: &Common, format: Format) -> ExitCode {
    let opts = match options(common, false) {
        Ok(o) => o,
        Err(e) => {
            say(minh::catalogue::cli::bad_today(&e.value));
            return ExitCode::FAILURE;
        }
    };
    let diags = match build::run(&opts) {
        Ok(built) => {
            let mut d = built.diagnostics.clone();
            d.extend(build::check_links(&built, &opts.root));
            d
        }
        Err(d) => d,
    };
    report(&diags, format);
    if format == Format::Text {
        let line = minh::catalogue::cli::check_done(diags.errors(), diags.warnings());
        eprintln!("{line}");
    }
    if diags.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn cmd_serve(common: &Common, bind: String, port: u16, allow_remote: bool) -> ExitCode {
    let mut opts = match options(common, true) {
        Ok(o) => o,
        Err(e) => {
            say(minh::catalogue::cli::bad_today(&e.value));
            return ExitCode::FAILURE;
        }
    };
    if opts.base_url.is_none() {
        let host = if bind.contains(':') {
            format!("[{bind}]")
        } else {
            bind.clone()
        };
        opts.base_url = Some(format!("http://{host}:{port}/"));
    }
    let settings = minh::serve::Settings {
        build: opts,
        bind,
        port,
        allow_remote,
        workers: 4,
    };
    match minh::serve::run(settings) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say(minh::catalogue::cli::serve_cannot_start(&e));
            ExitCode::FAILURE
        }
    }
}

fn cmd_new(
    kind: minh::new::NewKind,
    name: &str,
    root: &std::path::Path,
    today: Option<&str>,
) -> ExitCode {
    let today = match today.map(Date::parse) {
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            say(minh::catalogue::cli::bad_today(&e.value));
            return ExitCode::FAILURE;
        }
        None => Date::today(),
    };
    match minh::new::create(root, kind, name, today) {
        Ok(files) => {
            let list: Vec<String> = files
                .iter()
                .map(|rel| root.join(rel).display().to_string())
                .collect();
            eprintln!("{}", minh::catalogue::cli::new_wrote(&list.join(", ")));
            ExitCode::SUCCESS
        }
        Err(e) => {
            say(e);
            ExitCode::FAILURE
        }
    }
}
