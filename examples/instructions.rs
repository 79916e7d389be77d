//! Deterministic cost: instruction counts (valgrind's callgrind) of building
//! each registered extractor and of running it over the gold set, and of
//! scoring the gold set, compared with the committed baseline
//! `benches/instructions.json`. Unlike timings, the counts do not depend on
//! the machine's load, so a 5% growth is a real regression.
//!
//! ```text
//! cargo run --release --example instructions -- gate     # fail on > 5% growth (make bench-gate)
//! cargo run --release --example instructions -- update   # rewrite the baseline (make bench-gate-update)
//! ```
//!
//! Both run this same binary under `valgrind --tool=callgrind` once per
//! extractor and phase, in the hidden mode `measure NAME PHASE`, counting
//! only inside the phase's function (`--toggle-collect`), so loading the gold
//! set and starting the process are not counted.

#[path = "../benches/common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;

use nerbench_core::{Document, Entity, Extractor, Settings};
use nerbench_eval::{DocumentInput, Scorer};
use serde::{Deserialize, Serialize};

/// Runs over the gold set per `extract` measurement, after one unmeasured
/// run: the first run's one-off work (lazy automata building their states)
/// is most of a single run's count and is measured apart (`first`).
const RUNS: usize = 20;
/// Allowed growth before the gate fails.
const TOLERANCE: f64 = 0.05;
/// The pseudo-extractor that measures the scorer.
const SCORER: &str = "scorer";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Baseline {
    /// The toolchain the counts were taken with: counts move with it.
    rustc: String,
    valgrind: String,
    runs: usize,
    /// name → phase → instructions.
    counts: BTreeMap<String, BTreeMap<String, u64>>,
}

fn baseline_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/instructions.json")
}

#[inline(never)]
fn phase_build(name: &str) -> Box<dyn Extractor> {
    nerbench::registry()
        .build(name, &Settings::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// One run of a freshly built extractor: what a short job pays.
#[inline(never)]
fn phase_first(extractor: &dyn Extractor, documents: &[Document]) -> u64 {
    common::extract_count(extractor, black_box(documents))
}

/// `RUNS` runs of an extractor that has run once: the steady cost per byte.
#[inline(never)]
fn phase_extract(extractor: &dyn Extractor, documents: &[Document]) -> u64 {
    (0..RUNS)
        .map(|_| common::extract_count(extractor, black_box(documents)))
        .sum()
}

#[inline(never)]
fn phase_score(documents: &[(Document, Vec<Entity>, Vec<Entity>)]) -> u64 {
    let scorer = Scorer::new();
    (0..RUNS)
        .map(|_| {
            let inputs = black_box(documents)
                .iter()
                .map(|(d, gold, predicted)| DocumentInput {
                    id: &d.id,
                    text: &d.text,
                    gold,
                    predicted,
                });
            let evaluation = scorer
                .score(inputs)
                .expect("extractor spans fit their text");
            evaluation.errors.len() as u64
        })
        .sum()
}

/// The measured process: runs one phase (the only code callgrind counts).
fn measure(name: &str, phase: &str) {
    let gold = common::gold();
    let documents: Vec<Document> = gold.documents.iter().map(|d| d.document.clone()).collect();
    let result = match (name, phase) {
        (SCORER, "score") => {
            let predictor = common::predictor(&nerbench::registry());
            let triples: Vec<_> = gold
                .documents
                .iter()
                .map(|g| {
                    (
                        g.document.clone(),
                        g.entities.clone(),
                        predictor.extract(&g.document),
                    )
                })
                .collect();
            phase_score(&triples)
        }
        (_, "build") => phase_build(name).labels().len() as u64,
        (_, "first") => phase_first(phase_build(name).as_ref(), &documents),
        (_, "extract") => {
            let extractor = phase_build(name);
            phase_first(extractor.as_ref(), &documents);
            phase_extract(extractor.as_ref(), &documents)
        }
        _ => panic!("unknown phase {phase} of {name}"),
    };
    println!("{result}");
}

fn tool_version(program: &str, arg: &str) -> String {
    Command::new(program)
        .arg(arg)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// Runs `measure name phase` under callgrind and returns the instructions
/// counted inside the phase function.
fn callgrind(name: &str, phase: &str) -> Result<u64, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = std::env::temp_dir().join(format!(
        "nerbench-callgrind-{}-{name}-{phase}.out",
        std::process::id()
    ));
    let function = match phase {
        "build" => "phase_build",
        "first" => "phase_first",
        "extract" => "phase_extract",
        _ => "phase_score",
    };
    let status = Command::new("valgrind")
        .args(["--tool=callgrind", "--quiet"])
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(format!("--toggle-collect=*{function}*"))
        .arg(&exe)
        .args(["measure", name, phase])
        .stdout(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("cannot run valgrind (is it installed?): {e}"))?;
    if !status.success() {
        return Err(format!("valgrind on {name} {phase} failed: {status}"));
    }
    let text = std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let _ = std::fs::remove_file(&out);
    // The file ends with `totals: N` (older versions write `summary: N`).
    text.lines()
        .rev()
        .find_map(|l| {
            l.strip_prefix("totals:")
                .or_else(|| l.strip_prefix("summary:"))
        })
        .and_then(|n| n.trim().parse().ok())
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("no instruction total for {name} {phase} in callgrind's output"))
}

fn measure_all() -> Result<Baseline, String> {
    let mut counts: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    let mut plan: Vec<(String, &str)> = Vec::new();
    for name in nerbench::registry().names() {
        for phase in ["build", "first", "extract"] {
            plan.push((name.to_string(), phase));
        }
    }
    plan.push((SCORER.to_string(), "score"));
    for (name, phase) in plan {
        let n = callgrind(&name, phase)?;
        eprintln!("{name:>12} {phase:<8} {n:>15}");
        counts.entry(name).or_default().insert(phase.to_string(), n);
    }
    Ok(Baseline {
        rustc: tool_version("rustc", "--version"),
        valgrind: tool_version("valgrind", "--version"),
        runs: RUNS,
        counts,
    })
}

/// Every problem of `now` against `base`, or an empty list.
fn compare(base: &Baseline, now: &Baseline) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, phases) in &now.counts {
        for (phase, &n) in phases {
            match base.counts.get(name).and_then(|p| p.get(phase)) {
                None => problems.push(format!("{name} {phase}: {n} has no baseline")),
                Some(&b) => {
                    let change = n as f64 / b as f64 - 1.0;
                    let verdict = if change > TOLERANCE {
                        "REGRESSION"
                    } else {
                        "ok"
                    };
                    println!(
                        "{name:>12} {phase:<8} {b:>15} -> {n:>15} {:>+7.2}%  {verdict}",
                        change * 100.0
                    );
                    if change > TOLERANCE {
                        problems.push(format!(
                            "{name} {phase}: {n} instructions, {:+.1}% over the baseline {b}",
                            change * 100.0
                        ));
                    }
                }
            }
        }
    }
    problems
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["measure", name, phase] => {
            measure(name, phase);
            Ok(())
        }
        ["update"] => {
            let now = measure_all()?;
            let text = serde_json::to_string_pretty(&now).map_err(|e| e.to_string())? + "\n";
            std::fs::write(baseline_path(), text).map_err(|e| e.to_string())?;
            println!("wrote {}", baseline_path().display());
            Ok(())
        }
        ["gate"] => {
            let path = baseline_path();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
            let base: Baseline = serde_json::from_str(&text)
                .map_err(|e| format!("{} is not a valid baseline: {e}", path.display()))?;
            let now = measure_all()?;
            if base.rustc != now.rustc || base.valgrind != now.valgrind || base.runs != now.runs {
                println!(
                    "note: the baseline was taken with {} / {} / {} runs, this is {} / {} / {} runs",
                    base.rustc, base.valgrind, base.runs, now.rustc, now.valgrind, now.runs
                );
            }
            let problems = compare(&base, &now);
            if problems.is_empty() {
                println!(
                    "instruction counts within {:.0}% of the baseline",
                    TOLERANCE * 100.0
                );
                Ok(())
            } else {
                Err(format!(
                    "{}\n(if intended: make bench-gate-update, and commit benches/instructions.json)",
                    problems.join("\n")
                ))
            }
        }
        _ => Err("usage: instructions gate | update".into()),
    }
}
