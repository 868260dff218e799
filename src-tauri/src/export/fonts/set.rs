//! Discovery: the faces of this machine and, for each role, the chain of faces tried in
//! order (official, shipped, then fallbacks). Faces are loaded only when first used.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::measure::GlyphCache;
use super::{system, Face, FaceId, FaceOrigin, FontRole};

/// Where a face will be loaded from when first needed.
struct Slot {
    family: String,
    path: PathBuf,
    index: u32,
    origin: FaceOrigin,
    loaded: OnceLock<Option<Face>>,
}

/// The faces available on this machine and the chain of faces for each role.
pub struct FontSet {
    slots: Vec<Slot>,
    chains: [Vec<FaceId>; 5],
    /// Per role: which face, glyph and advance each character resolved to.
    pub(super) glyphs: [GlyphCache; 5],
}

static SHIPPED_DIR: OnceLock<PathBuf> = OnceLock::new();
static GLOBAL: OnceLock<FontSet> = OnceLock::new();

/// Tells where the shipped fonts are (the desktop shell passes its resource folder) before
/// the first document is made. Later calls are ignored.
pub fn set_shipped_dir(dir: PathBuf) {
    let _ = SHIPPED_DIR.set(dir);
}

/// Folder of the shipped Fandol fonts: as set by [`set_shipped_dir`], else `XUNCHA_FONTS_DIR`,
/// else a `fonts` folder next to the program (installers put it there), else the source
/// tree's `src-tauri/fonts` (development builds and tests).
pub fn shipped_dir() -> Option<PathBuf> {
    let marker = FontRole::Fang.shipped_file();
    let mut candidates: Vec<PathBuf> = SHIPPED_DIR.get().cloned().into_iter().collect();
    if let Some(dir) = std::env::var_os("XUNCHA_FONTS_DIR") {
        candidates.push(PathBuf::from(dir));
    }
    if let Some(exe_dir) = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
    {
        candidates.push(exe_dir.join("fonts"));
        candidates.push(exe_dir.join("resources").join("fonts"));
        candidates.push(exe_dir.join("../Resources/fonts"));
        candidates.push(exe_dir.join("../lib/xuncha/fonts"));
        candidates.push(exe_dir.join("../share/xuncha/fonts"));
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts"));
    candidates.into_iter().find(|d| d.join(marker).is_file())
}

impl FontSet {
    /// The fonts of this machine, discovered once per process.
    pub fn global() -> &'static FontSet {
        GLOBAL.get_or_init(|| FontSet::discover(shipped_dir().as_deref(), &system::font_dirs()))
    }

    /// Builds the set from a shipped-font folder and system font folders.
    pub fn discover(shipped: Option<&Path>, system_dirs: &[PathBuf]) -> FontSet {
        let installed = system::scan(system_dirs);
        let find = |name: &str| {
            // Of the faces with this name, the regular weight (not 粗体 / Bold).
            let want = system::normalise(name);
            installed
                .iter()
                .filter(|f| f.names.contains(&want))
                .min_by_key(|f| (i32::from(f.weight) - 400).abs())
        };
        let mut set = FontSet {
            slots: Vec::new(),
            chains: Default::default(),
            glyphs: Default::default(),
        };
        for role in FontRole::ALL {
            let mut chain = Vec::new();
            if let Some((name, face)) = role
                .official_names()
                .iter()
                .find_map(|n| find(n).map(|f| (*n, f)))
            {
                chain.push(set.slot(name, &face.path, face.index, FaceOrigin::Official));
            }
            if let Some(dir) = shipped {
                let file = role.shipped_file();
                let path = dir.join(file);
                if path.is_file() {
                    let family = file.trim_end_matches(".otf").replace("-Regular", "");
                    chain.push(set.slot(&family, &path, 0, FaceOrigin::Shipped));
                }
            }
            for name in role.fallback_names() {
                if let Some(face) = find(name) {
                    let id = set.slot(name, &face.path, face.index, FaceOrigin::Fallback);
                    if !chain.contains(&id) {
                        chain.push(id);
                    }
                }
            }
            set.chains[role.slot()] = chain;
        }
        set
    }

    fn slot(&mut self, family: &str, path: &Path, index: u32, origin: FaceOrigin) -> FaceId {
        if let Some(i) = self
            .slots
            .iter()
            .position(|s| s.path == path && s.index == index)
        {
            return i;
        }
        self.slots.push(Slot {
            family: family.to_owned(),
            path: path.to_path_buf(),
            index,
            origin,
            loaded: OnceLock::new(),
        });
        self.slots.len() - 1
    }

    /// The face `id`, loaded on first use; `None` if its file cannot be read or parsed.
    pub fn face(&self, id: FaceId) -> Option<&Face> {
        let slot = self.slots.get(id)?;
        slot.loaded
            .get_or_init(|| Face::load(&slot.family, &slot.path, slot.index, slot.origin))
            .as_ref()
    }

    /// The faces tried for `role`, in order (loaded or not).
    pub fn chain(&self, role: FontRole) -> &[FaceId] {
        &self.chains[role.slot()]
    }

    /// The first usable face of `role`: official if installed, else shipped.
    pub fn primary(&self, role: FontRole) -> Option<(FaceId, &Face)> {
        self.chain(role)
            .iter()
            .find_map(|&id| self.face(id).map(|f| (id, f)))
    }

    /// Whether `role` prints in its licensed official face (else a free substitute; the
    /// PDF then emboldens the Song face slightly for titles, as 小标宋 is heavy).
    pub fn is_official(&self, role: FontRole) -> bool {
        self.primary(role)
            .is_some_and(|(_, f)| f.origin == FaceOrigin::Official)
    }
}

#[cfg(test)]
impl FontSet {
    /// A set where every role prints in the one face at `path` (tests of other formats).
    pub(crate) fn with_one_face(path: &Path) -> FontSet {
        let mut set = FontSet {
            slots: Vec::new(),
            chains: Default::default(),
            glyphs: Default::default(),
        };
        let id = set.slot("test", path, 0, FaceOrigin::Official);
        for role in FontRole::ALL {
            set.chains[role.slot()] = vec![id];
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_a_face() {
        for role in FontRole::ALL {
            let (_, face) = FontSet::global().primary(role).unwrap();
            assert!(face.has('国'), "{role:?} {face:?}");
        }
    }

    #[test]
    fn shipped_faces_without_system_fonts() {
        let set = FontSet::discover(shipped_dir().as_deref(), &[]);
        for role in FontRole::ALL {
            let (_, face) = set.primary(role).unwrap();
            assert_eq!(face.origin, FaceOrigin::Shipped, "{role:?}");
        }
        assert!(!set.is_official(FontRole::Title));
    }
}
