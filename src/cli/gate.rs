//! `nerbench gate`: fails when any F1 fell below the committed baseline.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use nerbench_eval::Scheme;
use serde::{Deserialize, Serialize};

use super::options::{GoldArgs, SystemArgs};
use super::render::escape;
use super::run::{plural, Outcome};

/// The key of the F1 over all labels (not a valid label name, so it cannot
/// clash with one).
const ALL: &str = "(all)";

/// Check every F1 against a baseline; exit 1 if any fell or disappeared.
///
/// The baseline holds, for each system, the F1 over all labels and per label
/// (the labels it looks for) under each scheme, rounded to four decimals.
/// An entry fails when its F1 is lower than the baseline's by more than the
/// tolerance, or when it is no longer produced (an extractor or a label
/// disappeared). Entries not in the baseline are listed as new, and pass.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  nerbench gate --baseline gold/baseline.json
  nerbench gate --baseline gold/baseline.json --update
  nerbench gate --baseline gold/baseline.json --junit gate.xml --summary \"$GITHUB_STEP_SUMMARY\"
  nerbench gate --baseline tool-baseline.json --pred tool=tool-predictions.jsonl")]
pub struct Args {
    /// The baseline file (JSON).
    #[arg(long, value_name = "FILE", default_value = "gold/baseline.json")]
    baseline: PathBuf,

    /// The largest drop of an F1 that still passes.
    #[arg(long, value_name = "X", default_value_t = 0.005)]
    tolerance: f64,

    /// Rewrite the baseline with the current numbers (and print what improved).
    #[arg(long)]
    update: bool,

    /// Also write the results as JUnit XML, one test case per entry.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,

    /// Also append a Markdown summary (for a CI job summary) to FILE.
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,

    #[command(flatten)]
    systems: SystemArgs,

    #[command(flatten)]
    gold: GoldArgs,
}

/// system → label (or [`ALL`]) → scheme → F1.
type Scores = BTreeMap<String, BTreeMap<String, BTreeMap<Scheme, f64>>>;

#[derive(Debug, Serialize, Deserialize)]
struct Baseline {
    /// What the file is and how to regenerate it.
    about: String,
    /// The gold set the numbers were measured on.
    gold: String,
    f1: Scores,
}

/// One entry's fate.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Status {
    Passed,
    Improved,
    Fell,
    Disappeared,
    New,
}

struct Entry {
    system: String,
    label: String,
    scheme: Scheme,
    baseline: Option<f64>,
    current: Option<f64>,
    status: Status,
}

impl Entry {
    fn failed(&self) -> bool {
        matches!(self.status, Status::Fell | Status::Disappeared)
    }

    fn name(&self) -> String {
        let label = if self.label == ALL {
            "all labels"
        } else {
            &self.label
        };
        format!("{} × {label} × {}", self.system, self.scheme)
    }

    fn describe(&self) -> String {
        let f = |x: Option<f64>| x.map_or("—".to_string(), |x| format!("{x:.4}"));
        match (self.baseline, self.current) {
            (Some(b), Some(c)) => format!("F1 {b:.4} → {c:.4} ({:+.4})", c - b),
            (Some(b), None) => format!("F1 {b:.4} → disappeared"),
            (None, c) => format!("F1 {} (not in the baseline)", f(c)),
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        args.tolerance >= 0.0 && args.tolerance.is_finite(),
        "--tolerance must be a non-negative number, not {}",
        args.tolerance
    );
    let baseline = match read_baseline(&args.baseline) {
        Ok(baseline) => Some(baseline),
        Err(_) if args.update && !args.baseline.exists() => None,
        Err(err) => return Err(err),
    };
    let outcome = args.systems.setup(&args.gold)?.run(false, false)?;
    let current = scores(&outcome);
    let entries = judge(baseline.as_ref().map(|b| &b.f1), &current, args.tolerance);

    let mut out = String::new();
    let failed: Vec<&Entry> = entries.iter().filter(|e| e.failed()).collect();
    writeln!(
        out,
        "nerbench gate: {} of {} on {} against {} (tolerance {})",
        plural(entries.len(), "entry"),
        plural(current.len(), "system"),
        outcome.gold.display(),
        args.baseline.display(),
        args.tolerance
    )?;
    if let Some(b) = &baseline {
        if Path::new(&b.gold) != outcome.gold {
            writeln!(out, "note: the baseline was measured on {}", b.gold)?;
        }
    }
    // Under --update a drop is accepted, so it is reported, not failed.
    let (fell, gone) = if args.update {
        ("lowered", "removed")
    } else {
        ("FAIL", "FAIL")
    };
    for (status, tag) in [
        (Status::Fell, fell),
        (Status::Disappeared, gone),
        (Status::Improved, "improved"),
        (Status::New, "new"),
    ] {
        for e in entries.iter().filter(|e| e.status == status) {
            writeln!(out, "{tag} {}: {}", e.name(), e.describe())?;
        }
    }
    let code = if args.update {
        let about = "F1 per system × label × scheme on the gold set, rounded to 4 decimals; \
                     `nerbench gate` fails when one falls. Regenerate with \
                     `nerbench gate --baseline gold/baseline.json --update`.";
        let new = Baseline {
            about: about.to_string(),
            gold: outcome.gold.display().to_string(),
            f1: current,
        };
        let mut json = serde_json::to_string_pretty(&new)?;
        json.push('\n');
        std::fs::write(&args.baseline, json)
            .with_context(|| format!("cannot write {}", args.baseline.display()))?;
        writeln!(
            out,
            "updated {}: {}",
            args.baseline.display(),
            plural(
                entries.iter().filter(|e| e.current.is_some()).count(),
                "entry"
            )
        )?;
        ExitCode::SUCCESS
    } else if failed.is_empty() {
        writeln!(out, "passed: no F1 fell by more than {}", args.tolerance)?;
        ExitCode::SUCCESS
    } else {
        writeln!(
            out,
            "failed: {} fell by more than {} or disappeared",
            plural(failed.len(), "entry"),
            args.tolerance
        )?;
        ExitCode::FAILURE
    };
    std::io::stdout().lock().write_all(out.as_bytes())?;
    if let Some(path) = &args.junit {
        std::fs::write(path, junit(&entries, args.tolerance))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(path) = &args.summary {
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        file.write_all(summary(&entries, args.tolerance, args.update).as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(code)
}

fn read_baseline(path: &Path) -> anyhow::Result<Baseline> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).map_err(|err| {
        anyhow::anyhow!(
            "{}:{}:{}: not a gate baseline: {err}",
            path.display(),
            err.line(),
            err.column()
        )
    })
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The current F1 of every system over all labels and each label it tries.
fn scores(outcome: &Outcome) -> Scores {
    let mut all = Scores::new();
    for system in &outcome.systems {
        let card = &system.evaluation.scorecard;
        let mut by_label = BTreeMap::new();
        let f1 = |label: Option<&nerbench_core::Label>| -> BTreeMap<Scheme, f64> {
            Scheme::ALL
                .iter()
                .map(|&s| {
                    let prf = match label {
                        None => card.total().scheme(s).overall().prf(),
                        Some(l) => card.label(s, l),
                    };
                    (s, round4(prf.f1))
                })
                .collect()
        };
        by_label.insert(ALL.to_string(), f1(None));
        for label in card.labels().iter().filter(|l| system.tries(l)) {
            by_label.insert(label.to_string(), f1(Some(label)));
        }
        all.insert(system.name.clone(), by_label);
    }
    all
}

/// Every baseline and current entry, judged; in system, label, scheme order.
fn judge(baseline: Option<&Scores>, current: &Scores, tolerance: f64) -> Vec<Entry> {
    let empty = Scores::new();
    let baseline = baseline.unwrap_or(&empty);
    let mut keys: Vec<(&String, &String, Scheme)> = Vec::new();
    for scores in [baseline, current] {
        for (system, labels) in scores {
            for (label, schemes) in labels {
                keys.extend(schemes.keys().map(|&s| (system, label, s)));
            }
        }
    }
    keys.sort();
    keys.dedup();
    let get = |scores: &Scores, (system, label, scheme): (&String, &String, Scheme)| {
        scores.get(system)?.get(label)?.get(&scheme).copied()
    };
    keys.into_iter()
        .map(|key| {
            let (b, c) = (get(baseline, key), get(current, key));
            let status = match (b, c) {
                (None, _) => Status::New,
                (Some(_), None) => Status::Disappeared,
                // Both are rounded to 4 decimals; the epsilon absorbs the
                // binary representation of that rounding.
                (Some(b), Some(c)) if b - c > tolerance + 1e-9 => Status::Fell,
                (Some(b), Some(c)) if c > b => Status::Improved,
                _ => Status::Passed,
            };
            Entry {
                system: key.0.clone(),
                label: key.1.clone(),
                scheme: key.2,
                baseline: b,
                current: c,
                status,
            }
        })
        .collect()
}

/// JUnit XML: one test suite, one test case per entry.
fn junit(entries: &[Entry], tolerance: f64) -> String {
    let failures = entries.iter().filter(|e| e.failed()).count();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"nerbench gate\" tests=\"{n}\" failures=\"{failures}\">\n\
         <testsuite name=\"nerbench gate\" tests=\"{n}\" failures=\"{failures}\">",
        n = entries.len()
    );
    for e in entries {
        let label = if e.label == ALL {
            "all labels"
        } else {
            &e.label
        };
        let _ = write!(
            xml,
            "<testcase classname=\"{}\" name=\"{} {}\"",
            escape(&e.system),
            escape(label),
            e.scheme
        );
        if e.failed() {
            let message = format!("{} (tolerance {tolerance})", e.describe());
            let _ = writeln!(
                xml,
                "><failure message=\"{}\"/></testcase>",
                escape(&message)
            );
        } else {
            let _ = writeln!(xml, "/>");
        }
    }
    xml.push_str("</testsuite>\n</testsuites>\n");
    xml
}

/// A Markdown summary: the verdict, the failures, then every entry folded.
fn summary(entries: &[Entry], tolerance: f64, update: bool) -> String {
    let failed: Vec<&Entry> = entries.iter().filter(|e| e.failed()).collect();
    let verdict = if update {
        "baseline updated".to_string()
    } else if failed.is_empty() {
        format!(
            "passed ({} within {tolerance})",
            plural(entries.len(), "entry")
        )
    } else {
        format!(
            "**failed**: {} fell by more than {tolerance} or disappeared",
            plural(failed.len(), "entry")
        )
    };
    let mut md = format!("## nerbench gate: {verdict}\n\n");
    let row = |md: &mut String, e: &Entry| {
        let f = |x: Option<f64>| x.map_or("—".to_string(), |x| format!("{x:.4}"));
        let delta = match (e.baseline, e.current) {
            (Some(b), Some(c)) => format!("{:+.4}", c - b),
            _ => String::new(),
        };
        let status = match e.status {
            Status::Passed => "ok",
            Status::Improved => "improved",
            Status::Fell => "**fell**",
            Status::Disappeared => "**disappeared**",
            Status::New => "new",
        };
        let label = if e.label == ALL {
            "all labels"
        } else {
            &e.label
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {delta} | {status} |",
            e.system.replace('|', "\\|"),
            label,
            e.scheme,
            f(e.baseline),
            f(e.current)
        );
    };
    let header = "| system | label | scheme | baseline F1 | current F1 | Δ | status |\n\
                  |---|---|---|---:|---:|---:|---|\n";
    if !failed.is_empty() {
        md.push_str(header);
        for e in &failed {
            row(&mut md, e);
        }
        md.push('\n');
    }
    md.push_str("<details><summary>Every entry</summary>\n\n");
    md.push_str(header);
    for e in entries {
        row(&mut md, e);
    }
    md.push_str("\n</details>\n\n");
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(entries: &[(&str, &str, Scheme, f64)]) -> Scores {
        let mut s = Scores::new();
        for &(system, label, scheme, f1) in entries {
            s.entry(system.into())
                .or_default()
                .entry(label.into())
                .or_default()
                .insert(scheme, f1);
        }
        s
    }

    #[test]
    fn judges_drops_beyond_the_tolerance_disappearances_and_new_entries() {
        let baseline = scores(&[
            ("a", ALL, Scheme::Strict, 0.8),
            ("a", "PER", Scheme::Strict, 0.7),
            ("a", "LOC", Scheme::Strict, 0.6),
            ("b", ALL, Scheme::Strict, 0.5),
        ]);
        let current = scores(&[
            ("a", ALL, Scheme::Strict, 0.795),
            ("a", "PER", Scheme::Strict, 0.6949),
            ("a", "ORG", Scheme::Strict, 0.1),
            ("b", ALL, Scheme::Strict, 0.6),
        ]);
        let entries = judge(Some(&baseline), &current, 0.005);
        let got: Vec<(String, Status)> = entries.iter().map(|e| (e.name(), e.status)).collect();
        let want = [
            ("a × all labels × strict", Status::Passed),
            ("a × LOC × strict", Status::Disappeared),
            ("a × ORG × strict", Status::New),
            ("a × PER × strict", Status::Fell),
            ("b × all labels × strict", Status::Improved),
        ];
        assert_eq!(got, want.map(|(n, s)| (n.to_string(), s)));
        assert!(junit(&entries, 0.005).contains(
            "<testcase classname=\"a\" name=\"PER strict\"><failure message=\"F1 0.7000 → 0.6949 (-0.0051) (tolerance 0.005)\"/></testcase>"
        ));
    }
}
