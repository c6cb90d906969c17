//! Every question the stages ask the core, on arbitrary text: no panic, no hang
//! (`korrektor_core::fuzzing::Engine::exercise`). Run from rust/: `cargo +nightly fuzz run core`.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use korrektor_core::fuzzing::Engine;
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src/korrektor/data");
        Engine::load(&dir).expect("the package's language data (src/korrektor/data)")
    })
}

fuzz_target!(|data: &[u8]| {
    engine().exercise(data);
});
