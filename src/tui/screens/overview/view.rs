//! The run overview, from the run's entry in the Runs tab's list.
//!
//! ```text
//! ┌ grokking-20261204-210638-s0 ─────────────────────────────────────────────┐
//! │ directory    runs/grokking-20261204-210638-s0                            │
//! │ preset       grokking · seed 0                                           │
//! │ progress     6 600 of 10 000 steps (66 %)                                │
//! │ …                                                                        │
//! ├ settings ────────────────────────────────────────────────────────────────┤
//! │ task         mod-add          lr             0.003                       │
//! │ modulus      113              weight_decay   1                           │
//! └──────────────────────────────────────────────────────────────────────────┘
//!  Enter opens the run · Esc back to the runs
//! ```

use super::RunOverview;
use super::words as s;
use crate::human;
use crate::record::RunEntry;
use crate::tui::widgets::look::Look;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The width of the label column of the facts and of each settings column.
const LABEL: usize = 13;

/// The overview in `area`: the facts of `entry`, then its settings in as many columns as fit.
/// `entry` is `None` once the directory is no longer listed.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    look: Look,
    overview: &RunOverview,
    entry: Option<&RunEntry>,
) {
    let t = look.theme;
    let [page, hint] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(Line::styled(s::HINT, t.dim()), hint);
    let Some(e) = entry else {
        let block = Block::bordered().title(format!(" {} ", overview.path.display()));
        let text = Paragraph::new(Line::styled(s::GONE, t.bad())).wrap(Wrap { trim: true });
        frame.render_widget(text.block(block), page);
        return;
    };
    let inner_width = page.width.saturating_sub(2) as usize;
    let mut lines = facts(e, look);
    lines.push(Line::styled(
        format!("{:─<width$}", s::SETTINGS_TITLE, width = inner_width),
        t.dim(),
    ));
    lines.extend(settings(&e.settings, inner_width, look));
    let block = Block::bordered().title(Span::styled(format!(" {} ", e.name), t.title()));
    // Scrolled no further than the last line at the bottom (as the help popup).
    let visible = page.height.saturating_sub(2) as usize;
    let scroll = (overview.scroll as usize).min(lines.len().saturating_sub(visible)) as u16;
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), page);
}

/// A label and its value, the label dim and padded so the values line up.
fn fact<'a>(label: &str, value: String, value_style: Style, look: Look) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!(" {label:<LABEL$}"), look.theme.dim()),
        Span::styled(value, value_style),
    ])
}

/// Where the run is, how far it got, what it became and who trains it.
fn facts(e: &RunEntry, look: Look) -> Vec<Line<'static>> {
    let t = look.theme;
    let plain = Style::default();
    let seed = e.seed.map_or(String::new(), |sd| format!(" · seed {sd}"));
    let mut lines = vec![
        fact(s::DIRECTORY, e.path.display().to_string(), plain, look),
        fact(s::PRESET, format!("{}{seed}", e.preset), plain, look),
        fact(s::LAUNCH, e.launch.clone(), plain, look),
        fact(s::STARTED, s::started(e.started.as_deref()), plain, look),
        fact(
            s::PROGRESS,
            s::progress(e.step, e.total_steps, human::steps),
            plain,
            look,
        ),
        fact(
            s::CHECKPOINT,
            s::checkpoint(e.checkpoint, human::steps),
            plain,
            look,
        ),
        fact(
            s::TRAINED,
            e.train_secs
                .map_or_else(|| "–".to_string(), human::duration),
            plain,
            look,
        ),
        fact(s::PHASE, e.phase.clone(), t.title(), look),
        fact(s::VAL, human::opt_pct(e.val_acc), plain, look),
        fact(
            s::TRAINED_BY,
            s::trained_by(e.writer.as_ref().map(|h| h.to_string())),
            plain,
            look,
        ),
    ];
    lines.extend((e.unreadable.iter()).map(|u| fact(s::UNREADABLE, u.clone(), t.bad(), look)));
    lines
}

/// The settings, `name value` pairs in as many columns as `width` holds (at most four), filled down first
/// so each column reads as a list.
fn settings(settings: &[(&'static str, String)], width: usize, look: Look) -> Vec<Line<'static>> {
    if settings.is_empty() {
        return vec![Line::styled(
            format!(" {}", s::NO_SETTINGS),
            look.theme.dim(),
        )];
    }
    let value_w = settings
        .iter()
        .map(|(_, v)| v.chars().count())
        .max()
        .unwrap_or(0);
    let column_w = 1 + LABEL + value_w + 2;
    // More than four columns reads as a wall of words, not a list.
    let columns = (width / column_w).clamp(1, settings.len().min(4));
    let rows = settings.len().div_ceil(columns);
    (0..rows)
        .map(|r| {
            let spans = (0..columns)
                .filter_map(|c| settings.get(c * rows + r))
                .flat_map(|(name, value)| {
                    [
                        Span::styled(format!(" {name:<LABEL$}"), look.theme.dim()),
                        Span::raw(format!("{value:<value_w$}  ")),
                    ]
                })
                .collect::<Vec<_>>();
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::theme::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use std::path::PathBuf;

    fn entry() -> RunEntry {
        let name = "grokking-20261204-210638-s0";
        let parsed = crate::record::parse_run_name(name);
        RunEntry {
            path: PathBuf::from(format!("runs/{name}")),
            name: name.into(),
            preset: "grokking".into(),
            total_steps: Some(10_000),
            step: Some(6_600),
            phase: "provisional".into(),
            checkpoint: Some(6_500),
            writer: None,
            seed: Some(0),
            val_acc: Some(0.043),
            train_secs: Some(252.0),
            launch: parsed.launch,
            started: parsed.started,
            short_name: parsed.short,
            unreadable: vec!["metrics.csv: line 7: expected 9 columns".into()],
            settings: vec![
                ("task", "mod-add".into()),
                ("modulus", "113".into()),
                ("d_model", "64".into()),
                ("lr", "0.003".into()),
                ("weight_decay", "1".into()),
            ],
        }
    }

    fn screen(width: u16, entry: Option<&RunEntry>) -> String {
        let theme = Theme { color: false };
        let look = Look {
            theme: &theme,
            log_x: false,
            circuits: false,
        };
        let overview = RunOverview::new(&PathBuf::from("runs/grokking-20261204-210638-s0"));
        let mut term = Terminal::new(TestBackend::new(width, 20)).unwrap();
        term.draw(|f| render(f, f.area(), look, &overview, entry))
            .unwrap();
        let buf = term.backend().buffer().clone();
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_overview_shows_every_fact_and_setting_of_the_run() {
        let e = entry();
        let text = screen(100, Some(&e));
        for shown in [
            "runs/grokking-20261204-210638-s0",
            "grokking · seed 0",
            "6 600 of 10 000 steps (66 %)",
            "at step 6 500",
            "provisional",
            "4.3",
            "nobody now",
            "metrics.csv: line 7",
            "weight_decay",
            "0.003",
        ] {
            assert!(text.contains(shown), "{shown:?} missing from\n{text}");
        }
        // Wide enough for more than one column of settings: d_model sits beside task.
        let task_row = text.lines().find(|l| l.contains(" task ")).unwrap();
        assert!(
            task_row.contains(" d_model "),
            "one column at 100 wide:\n{text}"
        );
    }

    #[test]
    fn scrolling_stops_at_the_last_line() {
        let e = entry();
        let theme = Theme { color: false };
        let look = Look {
            theme: &theme,
            log_x: false,
            circuits: false,
        };
        let mut overview = RunOverview::new(&e.path);
        overview.scroll = 500;
        let mut term = Terminal::new(TestBackend::new(60, 12)).unwrap();
        term.draw(|f| render(f, f.area(), look, &overview, Some(&e)))
            .unwrap();
        let buf = term.backend().buffer().clone();
        let last_row: String = (0..60).map(|x| buf[(x, 9)].symbol()).collect();
        assert!(
            last_row.contains("d_model"),
            "the last settings row at the bottom: {last_row:?}"
        );
    }

    #[test]
    fn settings_stack_in_one_column_when_narrow_and_a_gone_run_says_so() {
        let e = entry();
        let text = screen(40, Some(&e));
        let task_row = text.lines().find(|l| l.contains(" task ")).unwrap();
        assert!(!task_row.contains(" d_model "), "{text}");
        assert!(screen(60, None).contains("no longer listed"));
    }
}
