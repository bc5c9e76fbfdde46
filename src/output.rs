//! Lines for stdout and stderr that outlive their reader. `groktop run … | head -1` closes
//! the pipe after one line; with SIGPIPE's default action the next write would kill the
//! process mid-step, with no checkpoint, and with SIGPIPE ignored `println!` would panic.
//! Instead `main` ignores SIGPIPE and every line of the command-line front ends goes
//! through these macros: a write that finds the reader gone stops the runs of this process
//! with a checkpoint, as SIGTERM does (`interrupt`), and later lines are dropped.

use std::fmt;
use std::io::Write;

/// Writes `args` to stdout (`to_stderr` false) or stderr; a closed reader stops the runs.
pub fn write(to_stderr: bool, args: fmt::Arguments<'_>) {
    let written = if to_stderr {
        let mut err = std::io::stderr().lock();
        err.write_fmt(args).and_then(|()| err.flush())
    } else {
        let mut out = std::io::stdout().lock();
        out.write_fmt(args).and_then(|()| out.flush())
    };
    if written.is_err_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) {
        crate::interrupt::stop_all(false);
    }
}

/// `print!` that survives a closed pipe (see the module docs).
#[macro_export]
macro_rules! stdout {
    ($($arg:tt)*) => { $crate::output::write(false, format_args!($($arg)*)) };
}

/// `println!` that survives a closed pipe (see the module docs).
#[macro_export]
macro_rules! stdoutln {
    () => { $crate::output::write(false, format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::write(false, format_args!("{}\n", format_args!($($arg)*))) };
}

/// `eprint!` that survives a closed pipe (see the module docs).
#[macro_export]
macro_rules! stderr {
    ($($arg:tt)*) => { $crate::output::write(true, format_args!($($arg)*)) };
}

/// `eprintln!` that survives a closed pipe (see the module docs).
#[macro_export]
macro_rules! stderrln {
    () => { $crate::output::write(true, format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::write(true, format_args!("{}\n", format_args!($($arg)*))) };
}
