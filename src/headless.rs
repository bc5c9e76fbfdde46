//! The headless front end: a worker's event stream printed for terminals, scripts and
//! clusters. Progress goes to stderr (one rewritten line on a terminal, a line every few
//! seconds in a log); phase events and the final summary get lines of their own.

use crate::human;
use crate::worker::{self, Event, Launch, RunId, RunSummary};
use std::io::IsTerminal;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Runs expected to take longer than this say so when they start.
const LONG_RUN_SECS: f64 = 3600.0;

/// How often a non-terminal stderr gets a progress line.
const LOG_EVERY: Duration = Duration::from_secs(5);

/// Runs one launch to its end, printing as it goes. Ctrl-C, SIGTERM and SIGHUP stop it with
/// a checkpoint.
/// Returns the summary, or the error that ended the run.
pub fn run(launch: Launch) -> Result<RunSummary, String> {
    let (tx, rx) = mpsc::channel();
    let handle = worker::spawn(RunId(0), launch, tx);
    crate::interrupt::stop_on_signal(handle.control_sender());
    let mut printer = Printer::new();
    let mut outcome = Err("the run ended without a result".to_string());
    for event in rx {
        match event {
            Event::Started { info, .. } => {
                printer.total = info.total_steps;
                crate::stderrln!(
                    "groktop: {} ({} parameters) from step {} to {} → {}",
                    info.preset.name,
                    info.n_params,
                    human::steps(info.start_step),
                    human::steps(info.total_steps),
                    info.dir.display()
                );
                for note in &info.notes {
                    crate::stderrln!("  ! {note}");
                }
                let total = info.total_steps.max(1) as f64;
                let left = info.total_steps.saturating_sub(info.start_step) as f64 / total;
                let secs = crate::estimate::run_secs(&info.preset) * left;
                if secs >= LONG_RUN_SECS {
                    crate::stderrln!(
                        "  this run will take about {} on this machine (estimate); Ctrl-C stops it with a checkpoint",
                        human::duration(secs)
                    );
                }
            }
            Event::Metrics {
                metrics,
                classification,
                ..
            } => printer.progress(&metrics, &live_verdict(&classification)),
            Event::Phase { event, .. } => printer.line(&format!(
                "  ▸ step {}: {}",
                human::steps(event.step),
                event.message
            )),
            Event::Checkpointed { step, .. } => {
                printer.note(format!("checkpoint at step {}", human::steps(step)))
            }
            Event::Paused { .. } | Event::Resumed { .. } => {}
            Event::Finished { summary, .. } => {
                printer.finish_line();
                crate::stdoutln!("{}", summary_line(&summary));
                outcome = Ok(*summary);
            }
            Event::Failed { error, .. } => {
                printer.finish_line();
                outcome = Err(error);
            }
        }
    }
    handle.join();
    outcome
}

/// The live verdict as the TUI words it: a phase once it is settled, otherwise
/// "provisional: " and what the verdict waits for.
pub fn live_verdict(c: &crate::analysis::Classification) -> String {
    if c.phase == crate::analysis::Phase::Undecided {
        format!("provisional: {}", c.reason)
    } else {
        c.phase.to_string()
    }
}

/// One line saying how a run ended.
pub fn summary_line(s: &RunSummary) -> String {
    let (train, val, norm) = s.last.as_ref().map_or((0.0, "–".into(), 0.0), |m| {
        (
            m.train_acc,
            human::val_pct(m.val_acc, m.twin_free_val_acc),
            m.param_norm,
        )
    });
    let ended = if s.completed {
        "done".to_string()
    } else {
        format!(
            "stopped at step {} with a checkpoint (continue with `groktop resume {}`)",
            human::steps(s.step),
            s.dir.display()
        )
    };
    format!(
        "{ended}: {} — {} | step {} train {} val {} norm {:.1} | {}",
        s.classification.phase,
        s.classification.reason,
        human::steps(s.step),
        human::pct(train),
        val,
        norm,
        s.dir.display()
    )
}

/// Progress output that adapts to whether stderr is a terminal.
struct Printer {
    tty: bool,
    total: u64,
    last_log: Option<Instant>,
    open_line: bool,
}

impl Printer {
    fn new() -> Self {
        Self {
            tty: std::io::stderr().is_terminal(),
            total: 0,
            last_log: None,
            open_line: false,
        }
    }

    fn progress(&mut self, m: &crate::record::Metrics, phase: &str) {
        let left = self.total.saturating_sub(m.step) as f64;
        let eta = if m.steps_per_sec > 0.0 {
            human::duration(left / f64::from(m.steps_per_sec))
        } else {
            "?".into()
        };
        let text = format!(
            "step {}/{}  train {}  val {}  norm {:.1}  {}  ETA {}  [{phase}]",
            human::steps(m.step),
            human::steps(self.total),
            human::pct(m.train_acc),
            human::val_pct(m.val_acc, m.twin_free_val_acc),
            m.param_norm,
            human::rate(m.steps_per_sec),
            eta
        );
        if self.tty {
            crate::stderr!("\r\x1b[2K{text}");
            self.open_line = true;
        } else if self.last_log.is_none_or(|t| t.elapsed() >= LOG_EVERY) || m.step == self.total {
            crate::stderrln!("{text}");
            self.last_log = Some(Instant::now());
        }
    }

    fn line(&mut self, text: &str) {
        self.finish_line();
        crate::stderrln!("{text}");
    }

    fn note(&mut self, text: String) {
        if !self.tty {
            self.line(&format!("  {text}"));
        }
    }

    fn finish_line(&mut self) {
        if self.open_line {
            crate::stderrln!();
            self.open_line = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Classification, Phase};

    #[test]
    fn progress_uses_the_tuis_verdict_words() {
        let waiting = Classification {
            phase: Phase::Undecided,
            reason: "memorized at 250 · no onset yet · ungrokking if none by step 10 000".into(),
        };
        assert_eq!(
            live_verdict(&waiting),
            "provisional: memorized at 250 · no onset yet · ungrokking if none by step 10 000"
        );
        let settled = Classification {
            phase: Phase::Grokking,
            reason: String::new(),
        };
        assert_eq!(live_verdict(&settled), "grokking");
    }
}
