mod tui_support;
use groktop::analysis::Phase;
use groktop::tui::{Action, Msg};
use groktop::worker::{Event, RunId};
use tui_support::*;

#[test]
#[ignore]
fn preview() {
    let dir = std::env::temp_dir();
    let (mut app, _rec) = app(&dir);
    println!("{}", render(&app, 80, 24));
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::Enter);
    for i in 0..3 {
        app.update(Msg::Worker(started(RunId(i), i as u64)));
        feed(
            &mut app,
            RunId(i),
            16_000 + 2000 * i as u64,
            -3000.0 + 4000.0 * i as f64,
            Phase::Grokking,
        );
    }
    println!("{}", render(&app, 80, 24));
    println!("{}", render(&app, 200, 50));
    press(&mut app, Action::Enter);
    println!("{}", render(&app, 80, 24));
    app.update(Msg::Worker(Event::Paused {
        run: RunId(0),
        step: 16_000,
    }));
    println!("{}", render(&app, 200, 50));
    println!("{}", render(&app, 100, 30));
}
