//! pracdocker's entry point: pick the language, parse the command line, run the command.

use pracdocker::exit::{self, Failure};
use pracdocker::{cli, commands, i18n::Tr};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let early = cli::early_lang(&args);
    let tr = Tr::new(early);
    let parsed = cli::parse(&args, &tr);
    let tr = match parsed.lang {
        Some(l) if l != early => Tr::new(l),
        _ => tr,
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            let failed = Failure::Runtime(e.to_string());
            std::process::exit(exit::report(Err(failed), &tr));
        }
    };
    let code = runtime.block_on(commands::run(parsed, &tr));
    std::process::exit(code);
}
