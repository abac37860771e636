//! The `Config` builder: what to read, and where to write.

use crate::error::{Error, Result};
use crate::parse::Sources;
use crate::render::File;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Configures and runs the generator, in the style of `prost_build::Config`.
#[derive(Debug, Default, Clone)]
pub struct Config {
    dirs: Vec<PathBuf>,
    files: Vec<PathBuf>,
    skip: Vec<String>,
    catalog: BTreeMap<String, PathBuf>,
    prefixes: BTreeMap<String, String>,
}

/// What a run generated.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The files, `mod.rs` first.
    pub files: Vec<File>,
    /// The schema files read (imports included), in load order.
    pub schemas: Vec<PathBuf>,
}

impl Config {
    /// A configuration with no schemas yet.
    pub fn new() -> Config {
        Config::default()
    }

    /// Reads every `*.xsd` file of `dir` (sorted by name; not recursive).
    pub fn schema_dir(&mut self, dir: impl AsRef<Path>) -> &mut Config {
        self.dirs.push(dir.as_ref().to_path_buf());
        self
    }

    /// Reads one schema file (repeatable).
    pub fn schema(&mut self, file: impl AsRef<Path>) -> &mut Config {
        self.files.push(file.as_ref().to_path_buf());
        self
    }

    /// Leaves out files of [`Config::schema_dir`] with this file name (for example an old
    /// single-file form that duplicates the split files).
    pub fn skip_file(&mut self, name: &str) -> &mut Config {
        self.skip.push(name.to_owned());
        self
    }

    /// Resolves imports of `namespace` that have no usable `schemaLocation` to `file`.
    pub fn catalog(&mut self, namespace: &str, file: impl AsRef<Path>) -> &mut Config {
        self.catalog
            .insert(namespace.to_owned(), file.as_ref().to_path_buf());
        self
    }

    /// Writes `namespace` with `prefix` (instead of the schemas' own prefix).
    pub fn namespace_prefix(&mut self, namespace: &str, prefix: &str) -> &mut Config {
        self.prefixes
            .insert(namespace.to_owned(), prefix.to_owned());
        self
    }

    fn sources(&self) -> Result<Sources> {
        let mut files = Vec::new();
        for dir in &self.dirs {
            let entries = std::fs::read_dir(dir)
                .map_err(|e| Error::msg(format!("{}: {e}", dir.display())))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "xsd"))
                .filter(|p| {
                    let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                    !name.is_some_and(|n| self.skip.contains(&n))
                })
                .collect();
            found.sort();
            files.extend(found);
        }
        files.extend(self.files.iter().cloned());
        if files.is_empty() {
            return Err(Error::msg("no schema files: use schema_dir() or schema()"));
        }
        Ok(Sources {
            files,
            catalog: self.catalog.clone(),
        })
    }

    /// Runs the pipeline and returns the files without writing them.
    pub fn generate(&self) -> Result<Generated> {
        let docs = crate::parse::load(&self.sources()?)?;
        let model = crate::model::build(&docs)?;
        let plan = crate::plan::plan(&model, &self.prefixes)?;
        let files = crate::render::render(&plan)?;
        Ok(Generated {
            files,
            schemas: model.files.clone(),
        })
    }

    /// Generates into `out_dir` (created if needed): `mod.rs` and one file per namespace.
    /// Files whose contents are unchanged are not rewritten.
    pub fn generate_to(&self, out_dir: impl AsRef<Path>) -> Result<Generated> {
        let out_dir = out_dir.as_ref();
        let generated = self.generate()?;
        std::fs::create_dir_all(out_dir)
            .map_err(|e| Error::msg(format!("{}: {e}", out_dir.display())))?;
        for f in &generated.files {
            let path = out_dir.join(&f.name);
            if std::fs::read(&path).ok().as_deref() == Some(f.contents.as_bytes()) {
                continue;
            }
            std::fs::write(&path, &f.contents)
                .map_err(|e| Error::msg(format!("{}: {e}", path.display())))?;
        }
        Ok(generated)
    }
}
