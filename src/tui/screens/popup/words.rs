//! The popups' words: help, message log, the quit and start-a-sweep questions, the extend
//! question and its errors.

pub const SWEEP_TITLE: &str = " start a grid ";
pub const SWEEP_CHOICES: [&str; 3] = ["[s] whole sweep", "[1] first cell only", "[Esc] cancel"];
pub fn sweep_question(name: &str, cells: usize, out: &str, total: &str) -> String {
    format!(
        "{name} is a grid of {cells} runs, about {total} one after another (cost model). The whole \
         sweep runs into {out} as `groktop sweep {name}` does, in a process of its own: finished \
         cells are kept, stopped ones resume, and the map follows it. The picker's seeds and \
         steps do not apply to a sweep."
    )
}
pub const HELP_TITLE: &str = " keys and symbols ";
pub const HELP_CLOSE: &str = "Esc or ? closes · ↑↓ scroll";
pub const HELP_SCREEN_KEYS: &str = "This screen";
pub const HELP_GLOBAL_KEYS: &str = "Everywhere";
pub const HELP_LEGEND: &str = "Symbols on this screen";
pub const HELP_CTRL_C: (&str, &str) = ("Ctrl-C", "quit, as q");
pub const LOG_TITLE: &str = " message log ";
pub const LOG_EMPTY: &str =
    "nothing yet: notices, checkpoints, phase events and verdicts collect here";
pub fn log_position(from: usize, to: usize, n: usize) -> String {
    format!(" {from}–{to} of {n} ")
}
pub const QUIT_TITLE: &str = " quit groktop? ";
pub const QUIT_CHOICES: [&str; 3] = ["[c] checkpoint and quit", "[q] quit", "[Esc] cancel"];
pub fn quit_question(active: usize, sweep: bool) -> String {
    let runs = match active {
        0 => String::new(),
        1 => "A run is still training.".to_string(),
        n => format!("{n} runs are still training."),
    };
    if sweep {
        format!("{runs} The sweep started here stops with checkpoints (it resumes).")
            .trim_start()
            .to_string()
    } else {
        runs
    }
}
pub const EXTEND_TITLE: &str = " train further ";
pub fn extend_question(label: &str, step: &str, dir: &str) -> String {
    format!(
        "{label} finished at step {step}. How many steps more? It resumes from its last \
         checkpoint in {dir}, its metrics and events continue there, and the verdict is made \
         again at the new end (as `groktop resume --extend N`)."
    )
}
pub const EXTEND_EMPTY: &str = "type how many steps to add";
pub fn extend_zero(typed: &str) -> String {
    format!("'{typed}': extending by 0 steps would train nothing")
}
pub fn extend_not_a_number(typed: &str) -> String {
    format!("'{typed}' is not a whole number of steps")
}
