//! The `groktop` binary: parse the command line, pick a front end, report errors in one line.

use clap::Parser;
use groktop::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match groktop::commands::dispatch(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("groktop: error: {message}");
            ExitCode::FAILURE
        }
    }
}
