//! The sweep map's `why:` line wraps whole at every size, and clicks select Runs-tab rows and
//! sweep-map cells (mapped through the same layout the screens are drawn with).

mod tui_support;

use groktop::analysis::Phase;
use groktop::tui::Hit;
use groktop::tui::view::click;
use groktop::tui::{Action, App, Msg, Screen};
use std::path::Path;
use tui_support::*;

fn sweep_app(root: &Path) -> App {
    write_sweep(root);
    open_first_sweep(root)
}

/// (column, row) of the first occurrence of `needle` on the screen.
fn find(text: &str, needle: &str) -> Option<(u16, u16)> {
    text.lines().enumerate().find_map(|(y, line)| {
        line.find(needle)
            .map(|b| (line[..b].chars().count() as u16, y as u16))
    })
}

#[test]
fn the_why_line_wraps_whole_at_every_size() {
    let root = temp_dir("why-wrap");
    let mut app = sweep_app(&root);
    let reason = "val rose from 2 % to 95 % between steps 12 800 and 14 300, 11 100 steps after \
                  memorization, while train stayed at 100 %; the parameter norm fell 31 % over the \
                  same steps and the excluded loss rose: end-of-reason";
    app.sweep
        .as_mut()
        .unwrap()
        .detail
        .as_mut()
        .unwrap()
        .run
        .reason = reason.into();
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let text = render(&app, w, h);
        let (x, y) = find(&text, "why: val rose").unwrap_or_else(|| panic!("{w}x{h}\n{text}"));
        // The reason's words, read back from the rows under "why:" in the same panel.
        let rows: Vec<String> = text
            .lines()
            .skip(y as usize)
            .take(usize::from(h - 1 - y)) // not the key bar
            .map(|l| {
                l.chars()
                    .skip(x as usize)
                    .collect::<String>()
                    .trim()
                    .to_string()
            })
            .take_while(|l| !l.is_empty())
            .collect();
        let read = rows.join(" ").replace('\u{a0}', " ");
        assert_eq!(read, format!("why: {reason}"), "{w}x{h}\n{text}");
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_click_on_a_map_cell_selects_it() {
    let root = temp_dir("map-click");
    let mut app = sweep_app(&root);
    for (w, h) in [(80, 24), (200, 50)] {
        let text = render(&app, w, h);
        // d_model 8, n_train 80: progression at 96 %; d_model 16, n_train 60: semi-grokking.
        for (label, want) in [("P 96", (0, 2)), ("S 44", (1, 1))] {
            let (x, y) = find(&text, label).unwrap_or_else(|| panic!("{label}\n{text}"));
            let msg = click(&app, w, h, x + 1, y).unwrap_or_else(|| panic!("{w}x{h}: {label}"));
            assert!(matches!(msg, Msg::Click(Hit::SweepCell(..))), "{msg:?}");
            app.update(msg);
            let sw = app.sweep.as_ref().unwrap();
            assert_eq!((sw.col, sw.row), want, "{w}x{h}: {label}");
        }
        // The legend under the map is not a cell.
        let (x, y) = find(&text, "progression").unwrap();
        assert!(click(&app, w, h, x, y).is_none());
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_click_on_a_runs_row_selects_it() {
    let root = temp_dir("runs-click");
    for (i, name) in [
        "a-20261129-100000",
        "b-20261129-110000",
        "c-20261129-120000",
    ]
    .iter()
    .enumerate()
    {
        let w = groktop::record::RunWriter::create_at(&root.join(name), &preset(i as u64)).unwrap();
        w.write_metrics(&[metrics(100, 0.0)]).unwrap();
        w.append_final(Phase::Grokking, "test").unwrap();
    }
    let (mut app, _) = app(&root);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Runs);
    for (w, h) in [(80, 24), (200, 50)] {
        let text = render(&app, w, h);
        for name in ["b", "a", "c"] {
            let (x, y) = find(&text, &format!("{name}-2026"))
                .or_else(|| find(&text, &format!(" {name} ")))
                .unwrap_or_else(|| panic!("{name}\n{text}"));
            app.update(click(&app, w, h, x, y).expect("a row"));
            assert_eq!(
                app.disk.selected_entry().unwrap().name.chars().next(),
                name.chars().next()
            );
        }
        // The header row is not a run.
        let (x, y) = find(&text, "directory").unwrap();
        assert!(click(&app, w, h, x, y).is_none());
    }
    std::fs::remove_dir_all(&root).unwrap();
}

/// A cell whose writer is gone before its end reads as stopped (it resumes with the next
/// sweep, from its checkpoint or from the start when it had none), never as running.
#[test]
fn a_stopped_cell_says_stopped_not_running() {
    let root = temp_dir("cell-stopped");
    let mut app = sweep_app(&root);
    let run = &mut app.sweep.as_mut().unwrap().detail.as_mut().unwrap().run;
    run.status = groktop::tui::state::run_state::Status::Finished { completed: false };
    run.checkpoint = Some(40);
    for (w, h) in [(80, 24), (200, 50)] {
        let text = render(&app, w, h);
        assert!(text.contains("STOPPED"), "{w}x{h}\n{text}");
        assert!(!text.contains("· RUNNING"), "{w}x{h}\n{text}");
    }
    assert!(render(&app, 200, 50).contains("STOPPED (resumes from step 40 with the sweep)"));
    std::fs::remove_dir_all(&root).unwrap();
}

/// A cell whose process stopped before its first checkpoint left curves but nothing to
/// resume from: it is stopped and starts over (on the map, in its detail and in `--list`'s
/// words), not running and not silently "not started".
#[test]
fn a_cell_stopped_before_its_first_checkpoint_says_it_starts_over() {
    use groktop::record::{CellStatus, SweepDir};
    let root = temp_dir("cell-stopped-early");
    let path = write_sweep(&root);
    let sweep = SweepDir::new(&path);
    let cell = sweep_preset()
        .cells()
        .into_iter()
        .find(|c| (c.axes.d_model, c.axes.n_train, c.axes.seed) == (64, 40, 0))
        .unwrap();
    write_cell(&sweep, &cell, 30, Phase::Undecided, 0.5);
    let status = sweep.cell_status(&cell);
    assert_eq!(status, CellStatus::NotStarted { lost: Some(30) });
    assert_eq!(
        groktop::sweep::status_text(&status),
        "stopped at step 30 before its first checkpoint: starts over"
    );
    let mut app = open_first_sweep(&root);
    for _ in 0..3 {
        press(&mut app, Action::Right);
    }
    let detail = app.sweep.as_ref().unwrap().detail.as_ref().unwrap();
    assert_eq!(detail.run.step, 30);
    let text = render(&app, 200, 50);
    assert!(
        text.contains("STOPPED before its first checkpoint (starts over)"),
        "{text}"
    );
    assert!(!text.contains("· RUNNING"), "{text}");
    std::fs::remove_dir_all(&root).unwrap();
}
