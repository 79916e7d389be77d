//! What the `cli_*` tests share: running the binary from the package root
//! and the paths of the fixtures.

#![allow(dead_code)] // Each test file uses a different part.

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use assert_cmd::Command;

/// The fixtures of the CLI tests, relative to the package root.
pub const FIXTURES: &str = "tests/fixtures/cli";

/// `nerbench` run from the package root, so relative paths in messages are
/// the ones given.
pub fn nerbench() -> Command {
    let mut cmd = cargo_bin_cmd!("nerbench");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// A fixture's path relative to the package root.
pub fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// `contents` written to the file `name` in `dir`, and its path.
pub fn write_file(dir: &tempfile::TempDir, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, contents).expect("a writable temporary directory");
    path
}

/// An absolute path under the package root.
pub fn root(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Few resamples and trials keep the tests fast; fixed seeds keep them
/// deterministic.
pub const FAST: [&str; 6] = ["--resamples", "200", "--seed", "7", "--level", "0.9"];

/// The trials flag for the commands with a significance test.
pub const TRIALS: [&str; 2] = ["--trials", "200"];

pub fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).expect("UTF-8 output")
}
