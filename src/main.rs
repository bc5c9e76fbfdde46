//! The `groktop` binary: parse the command line, pick a front end, report errors in one line.

use clap::Parser;
use groktop::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Behave like other Unix tools when the reader goes away (`groktop presets | head`):
    // end quietly instead of panicking on a broken pipe.
    // SAFETY: restoring the default disposition of a signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    match groktop::commands::dispatch(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("groktop: error: {message}");
            ExitCode::FAILURE
        }
    }
}
