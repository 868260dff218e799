//! The one configuration of every property test (`proptest!`) in the repository. The
//! crate's own tests use it as `crate::proptest_config`, and the black-box tests in
//! `tests/it/` include this same file with `#[path]`. The seed, the case counts and where
//! failures are kept are decided here and nowhere else.
//!
//! By default every property runs from one fixed seed, so a test run gives the same answer
//! every time and on every machine. Before those cases, proptest replays the failures kept
//! in the committed regressions files. A property in `tests/it/x.rs` keeps them in
//! `tests/proptest-regressions/x.txt`; one in `src-tauri/src/a/b.rs` keeps them in
//! `src-tauri/proptest-regressions/a/b.txt`.
//!
//! Long local runs can explore other inputs:
//! - `XUNCHA_PROPTEST_RANDOM=1` draws a random seed and prints it;
//! - `XUNCHA_PROPTEST_SEED=N` runs from seed `N`, to reproduce a random run exactly;
//! - `XUNCHA_PROPTEST_CASES=N` runs `N` cases of each property instead of its default.
//!
//! A failure found that way is appended to the regressions file. Commit that line with the
//! fix, so that every later run tries the case again.

use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

use proptest::test_runner::{Config, FileFailurePersistence, RngAlgorithm, RngSeed};

/// The seed of every default run. Any value does; changing it changes which cases CI tries.
const FIXED_SEED: u64 = 20_250_615;

const RANDOM_VAR: &str = "XUNCHA_PROPTEST_RANDOM";
const SEED_VAR: &str = "XUNCHA_PROPTEST_SEED";
const CASES_VAR: &str = "XUNCHA_PROPTEST_CASES";

/// The configuration of a property that runs `cases` cases by default.
pub fn config(cases: u32) -> Config {
    let (seed, how) = seed();
    let cases = match number(CASES_VAR) {
        Some(n) => u32::try_from(n).unwrap_or(u32::MAX),
        None => cases,
    };
    if how != How::Fixed {
        // Printed for each property: the test harness shows a test's output when it fails.
        eprintln!(
            "proptest: seed {seed} ({how:?}), {cases} cases; {SEED_VAR}={seed} runs them again"
        );
    }
    Config {
        cases,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "proptest-regressions",
        ))),
        ..Config::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    Fixed,
    Given,
    Random,
}

/// The seed of this process: one for all its properties, so a single
/// `XUNCHA_PROPTEST_SEED` reproduces a whole random run.
fn seed() -> (u64, How) {
    static SEED: OnceLock<(u64, How)> = OnceLock::new();
    *SEED.get_or_init(|| {
        if let Some(n) = number(SEED_VAR) {
            return (n, How::Given);
        }
        let random = std::env::var(RANDOM_VAR).is_ok_and(|v| !v.is_empty() && v != "0");
        if random {
            // The standard library's hasher keys come from the operating system's randomness.
            let n = std::collections::hash_map::RandomState::new()
                .build_hasher()
                .finish();
            return (n, How::Random);
        }
        (FIXED_SEED, How::Fixed)
    })
}

/// A numeric environment variable; a value that is not a number stops the run.
fn number(var: &str) -> Option<u64> {
    let v = std::env::var(var).ok().filter(|v| !v.trim().is_empty())?;
    match v.trim().replace('_', "").parse() {
        Ok(n) => Some(n),
        Err(_) => panic!("{var}={v:?} is not a whole number"),
    }
}
