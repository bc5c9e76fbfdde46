//! `events.log`: one line per detected phase event, then how the run ended.
//!
//! ```text
//! step 1200<TAB>memorized<TAB>train acc ≥ 99 % …       (the kind's label, EventKind::label)
//! final<TAB>grokking<TAB>val jumped 4 150 steps after …  (the phase's label and the reason)
//! stopped<TAB>step 6600<TAB>memorized at 250 · …         (stopped before its planned end)
//! failed<TAB>step 310: the training loss became NaN …    (a run that ended in an error)
//! ```
//! Kinds are written by their stable labels, never by Rust's `{:?}`; logs of older versions
//! (`Memorized`, `GeneralizationOnset`) still read.

use super::RecordError;
use crate::analysis::{EventKind, Phase, PhaseEvent};
use std::path::Path;
use std::str::FromStr;

/// What an events.log says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventsLog {
    pub events: Vec<PhaseEvent>,
    /// The `final` line: the run's verdict when it reached its planned end (or diverged).
    /// `None` while a later `stopped` line says the run was stopped since.
    pub verdict: Option<(Phase, String)>,
    /// The `stopped` line: the step a run was stopped at before its planned end and its
    /// provisional verdict then. A stopped run has no final verdict: resumed, it may still
    /// grok (a grokking seed stopped at 6 600 grokked at 7 950). `None` once a later `final`
    /// line ends the run.
    pub stopped: Option<(u64, String)>,
    /// The `failed` line: why the run ended in an error.
    pub failure: Option<String>,
}

/// Tabs and line breaks would split a line: they become spaces.
fn one_line(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

pub(crate) fn event_line(e: &PhaseEvent) -> String {
    format!(
        "step {}\t{}\t{}\n",
        e.step,
        e.kind.label(),
        one_line(&e.message)
    )
}

pub(crate) fn final_line(phase: Phase, reason: &str) -> String {
    format!("final\t{}\t{}\n", phase.label(), one_line(reason))
}

pub(crate) fn stopped_line(step: u64, provisional: &str) -> String {
    format!("stopped\tstep {step}\t{}\n", one_line(provisional))
}

pub(crate) fn failed_line(error: &str) -> String {
    format!("failed\t{}\n", one_line(error))
}

/// The kind named by a label or by an older version's Debug name.
fn kind_named(name: &str) -> Option<EventKind> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = squash(name);
    EventKind::ALL
        .into_iter()
        .find(|k| squash(k.label()) == wanted)
}

/// Parses the text of an events.log. Lines it does not know are skipped (a log is a record
/// for people first).
pub fn parse_events(text: &str) -> EventsLog {
    let mut log = EventsLog::default();
    for line in text.lines() {
        let mut parts = line.splitn(3, '\t');
        let (Some(head), Some(second)) = (parts.next(), parts.next()) else {
            continue;
        };
        let rest = parts.next().unwrap_or("").to_string();
        match head {
            "final" => {
                if let Ok(p) = Phase::from_str(second.trim()) {
                    log.verdict = Some((p, rest));
                    log.stopped = None;
                }
            }
            "stopped" => {
                if let Some(step) = second
                    .strip_prefix("step ")
                    .and_then(|s| s.trim().parse().ok())
                {
                    log.stopped = Some((step, rest));
                    log.verdict = None;
                }
            }
            "failed" => log.failure = Some(second.to_string()),
            _ => {
                let step = head
                    .strip_prefix("step ")
                    .and_then(|s| s.trim().parse().ok());
                if let (Some(step), Some(kind)) = (step, kind_named(second)) {
                    log.events.push(PhaseEvent {
                        step,
                        kind,
                        message: rest,
                    });
                }
            }
        }
    }
    log
}

/// Reads an events.log; a missing file is an empty log (a run that has not begun). Only a
/// regular file of at most 64 MiB is read: anything else is an error naming it, never a hang.
pub fn read_events(path: &Path) -> Result<EventsLog, RecordError> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(EventsLog::default()),
        _ => Ok(parse_events(&super::regular::read_regular_text(
            path,
            64 << 20,
        )?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_old_debug_names() {
        let e = PhaseEvent {
            step: 900,
            kind: EventKind::GeneralizationOnset,
            message: "val\trose".into(),
        };
        let text = format!(
            "{}step 100\tMemorized\told style\n{}{}",
            event_line(&e),
            final_line(Phase::Grokking, "val jumped"),
            failed_line("boom\nbang")
        );
        assert!(text.starts_with("step 900\tgeneralization onset\tval rose\n"));
        let log = parse_events(&text);
        assert_eq!(log.events.len(), 2);
        assert_eq!(log.events[0].kind, EventKind::GeneralizationOnset);
        assert_eq!(log.events[1].kind, EventKind::Memorized);
        assert_eq!(log.verdict, Some((Phase::Grokking, "val jumped".into())));
        assert_eq!(log.failure.as_deref(), Some("boom bang"));
    }

    /// A run stopped early has no verdict; the later of `final` and `stopped` tells its state
    /// (a finished run extended and stopped is stopped; a stopped run resumed to its end is
    /// finished).
    #[test]
    fn the_later_of_final_and_stopped_wins() {
        let stopped = stopped_line(6600, "memorized at 250 · val rising since 6 100");
        let log = parse_events(&stopped);
        assert_eq!(log.verdict, None);
        assert_eq!(
            log.stopped,
            Some((6600, "memorized at 250 · val rising since 6 100".into()))
        );
        let resumed = format!("{stopped}{}", final_line(Phase::Grokking, "val rose"));
        let log = parse_events(&resumed);
        assert_eq!(log.stopped, None);
        assert_eq!(log.verdict, Some((Phase::Grokking, "val rose".into())));
        let extended = format!("{resumed}{}", stopped_line(12000, "grokked"));
        assert_eq!(parse_events(&extended).verdict, None);
    }
}
