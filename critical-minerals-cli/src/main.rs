//! `critical-minerals`: the command-line tool of the critical-minerals library.
//!
//! Exit status: 0 done; 1 bad data (the message names the file, row, column and value); 2 bad
//! usage (an unknown option, commodity, format or basis). Output goes to stdout; messages and
//! progress to stderr (progress only on a terminal). A closed stdout (`… | head`) ends the
//! program quietly with status 0.
#![forbid(unsafe_code)]

mod audit;
mod concentration;
mod convert;
mod fail;
mod out;
mod report;
mod sources;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use fail::Fail;

/// Supply-chain reports, trade concentration, basis conversion and claim audits for critical
/// minerals, from embedded, cited data (USGS, IEA and others) and your own files.
#[derive(Debug, Parser)]
#[command(name = "critical-minerals", version, propagate_version = true)]
#[command(after_help = "Exit status: 0 done, 1 bad data (file, row, column and value named), 2 bad usage.\n\
                        Run `critical-minerals <COMMAND> --help` for a command's options.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The supply-chain report of a commodity: mining by country, concentration, stage shares,
    /// US import reliance, claims recomputed, sources
    Report(report::Args),
    /// Shares, HHI, CR-n and effective number per (HS product, year) of a BACI, UN Comtrade or
    /// plain CSV trade file
    Concentration(concentration::Args),
    /// Converts a tonnage to another basis (stoichiometric factor, full recovery)
    Convert(convert::Args),
    /// Audits a claims file: contradictions among stated shares, growth rates and sizes
    Audit(audit::Args),
    /// Lists every embedded source: publisher, edition, table or page, address, confidence
    Sources(sources::Args),
}

fn run(cli: Cli) -> Result<(), Fail> {
    match cli.command {
        Command::Report(a) => report::run(&a),
        Command::Concentration(a) => concentration::run(&a),
        Command::Convert(a) => convert::run(&a),
        Command::Audit(a) => audit::run(&a),
        Command::Sources(a) => sources::run(&a),
    }
}

fn main() -> ExitCode {
    // arguments as OS strings: a non-UTF-8 argument is a usage error, not a panic
    let cli = match Cli::try_parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // help and version go to stdout; a closed stdout is not an error
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail::Closed) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("critical-minerals: {}", f.message());
            ExitCode::from(f.code())
        }
    }
}
