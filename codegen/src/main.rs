//! `li707-codegen [--schemas DIR…] [--schema FILE…] [--out DIR]`
//!
//! Without arguments it regenerates the reviewed copy: `--schemas schemas --out generated`,
//! run from the repository root.

use std::process::ExitCode;

const USAGE: &str = "usage: li707-codegen [--schemas DIR ...] [--schema FILE ...] \
[--skip FILE_NAME ...] [--prefix NAMESPACE=PREFIX ...] [--out DIR]\n\
defaults: --schemas schemas --out generated";

fn main() -> ExitCode {
    let mut config = li707_codegen::Config::new();
    let mut out = None;
    let mut any = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        let result = match arg.as_str() {
            "--schemas" => value("--schemas").map(|v| {
                any = true;
                config.schema_dir(v);
            }),
            "--schema" => value("--schema").map(|v| {
                any = true;
                config.schema(v);
            }),
            "--skip" => value("--skip").map(|v| {
                config.skip_file(&v);
            }),
            "--prefix" => value("--prefix").and_then(|v| match v.rsplit_once('=') {
                Some((ns, p)) => {
                    config.namespace_prefix(ns, p);
                    Ok(())
                }
                None => Err("--prefix takes NAMESPACE=PREFIX".to_owned()),
            }),
            "--out" => value("--out").map(|v| out = Some(v)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => Err(format!("unknown argument {other}")),
        };
        if let Err(e) = result {
            eprintln!("li707-codegen: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    if !any {
        config.schema_dir("schemas");
    }
    let out = out.unwrap_or_else(|| "generated".to_owned());
    match config.generate_to(&out) {
        Ok(g) => {
            eprintln!(
                "li707-codegen: {} files from {} schemas into {out}",
                g.files.len(),
                g.schemas.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("li707-codegen: {e}");
            ExitCode::FAILURE
        }
    }
}
