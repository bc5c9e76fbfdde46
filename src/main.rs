//! The `groktop` binary: parse the command line, pick a front end, report errors in one line.

use clap::Parser;
use groktop::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    // SIGPIPE stays ignored (Rust's default): a reader that goes away (`groktop run … |
    // head -1`) must not kill a run mid-step. Writes to it fail instead, and
    // `groktop::output` stops the runs with a checkpoint, as SIGTERM does.
    let cli = Cli::parse();
    match groktop::commands::dispatch(cli) {
        Ok(code) => code,
        Err(message) => {
            groktop::stderrln!("groktop: error: {message}");
            ExitCode::FAILURE
        }
    }
}
