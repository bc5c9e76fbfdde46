//! Presets: the RON schema, loading with positioned errors, validation, the built-in set,
//! and expansion of a preset into the concrete runs (cells) it describes.

mod builtin;
mod cells;
mod error;
mod schema;
mod settings;
mod size;
mod validate;

pub use builtin::{builtin_presets, builtin_source};
pub use cells::Cell;
pub use error::PresetError;
pub use schema::{
    ModelSpec, OptimizerSpec, Preset, SplitKind, Subnormals, SweepSpec, TaskKind, TaskSpec,
    TrainingSpec,
};

use std::path::Path;

/// RON options shared by reading and writing: `Option` fields may be written without `Some(..)`.
fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

impl Preset {
    /// Parses and validates preset text. `source_name` names the file in error messages.
    pub fn parse(text: &str, source_name: &str) -> Result<Preset, PresetError> {
        let preset: Preset = ron_options()
            .from_str(text)
            .map_err(|e| PresetError::from_ron(source_name, text, &e))?;
        validate::validate(&preset).map_err(|v| v.locate(source_name, text))?;
        Ok(preset)
    }

    /// Reads a preset file.
    pub fn load(path: &Path) -> Result<Preset, PresetError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| PresetError::plain(format!("{name}: cannot read preset file: {e}")))?;
        Self::parse(&text, &name)
    }

    /// A built-in preset by name, or a `.ron` file by path.
    pub fn find(name_or_path: &str) -> Result<Preset, PresetError> {
        let path = Path::new(name_or_path);
        if name_or_path.ends_with(".ron") || path.is_file() {
            return Self::load(path);
        }
        builtin_presets()
            .into_iter()
            .find(|p| p.name == name_or_path)
            .ok_or_else(|| {
                let names: Vec<String> = builtin_presets().into_iter().map(|p| p.name).collect();
                PresetError::plain(format!(
                    "unknown preset '{name_or_path}': expected a .ron file or one of: {}",
                    names.join(", ")
                ))
            })
    }

    /// The preset as RON text, in the same format it is read in.
    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .struct_names(false)
            .indentor("  ".to_string());
        ron_options()
            .to_string_pretty(self, config)
            .expect("a preset always serializes")
    }

    /// The preset without its prose (title, figure, description, what the paper reports and
    /// what was measured): what decides its runs' numbers. A sweep started before a preset's
    /// text was edited (say, its `measured` field filled in from that very sweep) still holds
    /// the same cells.
    pub fn settings(&self) -> Preset {
        Preset {
            name: self.name.clone(),
            title: String::new(),
            figure: String::new(),
            description: String::new(),
            paper_reports: String::new(),
            changes_from_paper: String::new(),
            measured: String::new(),
            expected_phase: None,
            ..self.clone()
        }
    }
}
