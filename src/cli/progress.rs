//! A progress counter on stderr, shown only when stderr is a terminal and the
//! corpus turns out to be large: small runs and pipes stay quiet.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Documents processed before the counter appears.
const LARGE: u64 = 2_000;

pub struct Progress(ProgressBar);

impl Progress {
    /// A hidden counter of documents; `verb` says what is done to them.
    pub fn new(verb: &'static str) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {human_pos} documents {msg} in {elapsed}")
        {
            bar.set_style(style);
        }
        bar.set_message(verb);
        Progress(bar)
    }

    /// Counts `n` more documents, and shows the counter once the corpus is large.
    pub fn inc(&self, n: usize) {
        self.0.inc(n as u64);
        if self.0.is_hidden() && self.0.position() >= LARGE && std::io::stderr().is_terminal() {
            self.0.set_draw_target(ProgressDrawTarget::stderr());
            self.0.enable_steady_tick(Duration::from_millis(200));
        }
    }
}

impl Progress {
    /// Prints a line on stderr, above the counter if it is shown. Never hold
    /// the stderr lock while the counter runs: its ticker thread draws on
    /// stderr too.
    pub fn report(&self, line: &dyn std::fmt::Display) -> std::io::Result<()> {
        use std::io::Write;
        self.0.suspend(|| writeln!(std::io::stderr(), "{line}"))
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}
