//! Flags shared by several subcommands: extractor settings, the systems to
//! score, bootstrap settings and the output format.

use std::path::PathBuf;
use std::str::FromStr;

use anyhow::Context as _;
use nerbench_core::{Extractor, Registry, Settings};
use nerbench_eval::{BootstrapOptions, RandomisationOptions, Scheme};

use super::run::Setup;

/// What a user can change about the built-in extractors.
#[derive(Debug, Clone, clap::Args)]
pub struct ExtractorArgs {
    /// Extra regex rule file (TOML), added to the built-in rules (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,

    /// Use only the --rules files, not the built-in rules.
    #[arg(long, requires = "rules")]
    replace_rules: bool,

    /// Extra gazetteer list (TSV), added to the built-in lists (repeatable).
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,

    /// Date lexicon (TOML, the format of crates/dates/data/lexicon.toml)
    /// replacing the built-in one.
    #[arg(long, value_name = "FILE")]
    date_lexicon: Option<PathBuf>,

    /// Extra holiday file (TSV, the format of crates/dates/data/holidays.tsv),
    /// added to the built-in holidays (repeatable).
    #[arg(long = "holidays", value_name = "FILE")]
    holidays: Vec<PathBuf>,

    /// Use only the --holidays files, not the built-in holidays.
    #[arg(long, requires = "holidays")]
    replace_holidays: bool,

    /// Members of the combined extractor, by name, in priority order.
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    combine: Vec<String>,

    /// Directory of lists replacing the combined extractor's built-in ones,
    /// each file one entry a line: office_levels.txt, initials_cues.txt,
    /// legal_forms.txt, compass_points.txt, headline_homographs.txt,
    /// place_cues.txt (those absent stay built in).
    #[arg(long, value_name = "DIR")]
    combined_data: Option<PathBuf>,
}

impl ExtractorArgs {
    /// The registry's settings these flags describe.
    pub fn settings(&self) -> Settings {
        Settings {
            rule_files: self.rules.clone(),
            replace_rules: self.replace_rules,
            gazetteer_files: self.gazetteers.clone(),
            date_lexicon: self.date_lexicon.clone(),
            holiday_files: self.holidays.clone(),
            replace_holidays: self.replace_holidays,
            combine: self.combine.clone(),
            combined_data: self.combined_data.clone(),
        }
    }

    /// Builds the extractor registered as `name` with these settings.
    pub fn build(&self, registry: &Registry, name: &str) -> anyhow::Result<Box<dyn Extractor>> {
        Ok(registry.build(name, &self.settings())?)
    }
}

/// A prediction file given as `FILE` or `NAME=FILE`.
#[derive(Debug, Clone)]
pub struct PredSpec {
    /// The system's name in tables and baselines.
    pub name: String,
    pub path: PathBuf,
}

impl PredSpec {
    /// A prediction file named after its file stem (`stdin` for `-`).
    pub fn from_path(path: PathBuf) -> PredSpec {
        let name = match path.file_stem() {
            Some(stem) if path.as_os_str() != "-" => stem.to_string_lossy().into_owned(),
            _ => "stdin".to_string(),
        };
        PredSpec { name, path }
    }
}

impl FromStr for PredSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (name, path) = match s.split_once('=') {
            Some((name, path)) if !name.is_empty() && !path.is_empty() => {
                (name.to_string(), PathBuf::from(path))
            }
            Some(_) => return Err(format!("{s:?}: expected FILE or NAME=FILE")),
            None => return Ok(PredSpec::from_path(PathBuf::from(s))),
        };
        Ok(PredSpec { name, path })
    }
}

/// Which systems to score: registered extractors and prediction files.
#[derive(Debug, Clone, clap::Args)]
pub struct SystemArgs {
    /// Extractors to run, comma-separated, or `all` for every registered one
    /// [default: all, unless only --pred is given].
    #[arg(long, value_name = "A,B|all", value_delimiter = ',')]
    extractors: Vec<String>,

    /// Also score the predictions in a JSONL file (`-` for stdin), as a
    /// system named NAME or after the file (repeatable).
    #[arg(long = "pred", value_name = "[NAME=]FILE")]
    pub preds: Vec<PredSpec>,

    #[command(flatten)]
    pub extractor: ExtractorArgs,
}

impl SystemArgs {
    /// Opens the gold set and prepares every system asked for.
    pub fn setup(&self, gold: &GoldArgs) -> anyhow::Result<Setup> {
        let names = self.extractor_names(&nerbench::registry())?;
        Setup::new(gold, &names, &self.preds, &self.extractor)
    }

    /// The extractor names asked for (unknown names fail when built).
    fn extractor_names(&self, registry: &Registry) -> anyhow::Result<Vec<String>> {
        let all = || registry.names().into_iter().map(String::from).collect();
        let names: Vec<String> = if self.extractors.is_empty() {
            if self.preds.is_empty() {
                all()
            } else {
                Vec::new()
            }
        } else if self.extractors.iter().any(|n| n == "all") {
            all()
        } else {
            self.extractors.clone()
        };
        let mut seen = Vec::new();
        for name in names.iter().chain(self.preds.iter().map(|p| &p.name)) {
            anyhow::ensure!(
                !seen.contains(&name),
                "the system name {name:?} is given twice (name prediction files with NAME=FILE)"
            );
            seen.push(name);
        }
        Ok(names)
    }
}

/// Settings of the bootstrap confidence intervals.
#[derive(Debug, Clone, clap::Args)]
pub struct BootstrapArgs {
    /// Bootstrap resamples of the documents for the confidence intervals.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    resamples: usize,

    /// Confidence level of the intervals, strictly between 0 and 1.
    #[arg(long, value_name = "P", default_value_t = 0.95)]
    level: f64,

    /// Seed of the random generators (the same seed gives the same numbers).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed: u64,
}

impl BootstrapArgs {
    pub fn options(&self) -> BootstrapOptions {
        BootstrapOptions {
            resamples: self.resamples,
            level: self.level,
            seed: self.seed,
        }
    }
}

/// Settings of the paired significance test.
#[derive(Debug, Clone, clap::Args)]
pub struct TestArgs {
    /// Trials of the paired approximate randomisation test.
    #[arg(long, value_name = "N", default_value_t = 9999)]
    pub trials: usize,

    /// A system is significantly worse than the best when p < ALPHA.
    #[arg(long, value_name = "ALPHA", default_value_t = 0.05)]
    pub alpha: f64,
}

impl TestArgs {
    pub fn options(&self, seed: u64) -> RandomisationOptions {
        RandomisationOptions {
            trials: self.trials,
            seed,
        }
    }
}

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned plain text.
    Table,
    /// JSON (the scorecard and everything derived from it).
    Json,
    /// Markdown tables.
    Markdown,
    /// A self-contained HTML page.
    Html,
}

/// Parses a scheme name for clap.
pub fn parse_scheme(s: &str) -> Result<Scheme, String> {
    s.parse()
        .map_err(|e: nerbench_eval::ParseSchemeError| e.to_string())
}

/// Where the gold set is.
#[derive(Debug, Clone, clap::Args)]
pub struct GoldArgs {
    /// The gold set: a directory (articles/ and annotations/) or a .jsonl corpus.
    #[arg(long, value_name = "PATH", default_value = "gold")]
    pub gold: PathBuf,
}

/// Writes `text` to `path` (`-` for stdout), naming the file on failure.
pub fn write_output(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    if path.as_os_str() == "-" {
        std::io::stdout().lock().write_all(text.as_bytes())?;
        return Ok(());
    }
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}
