//! Calls per second of the character model, the context model's `knows` and `similar_forms`
//! inside Rust (no Python call per query): what the ported word stage will see.
//!
//!     cargo run --release --example bench_models -- DATA_DIR WORDS.txt
//!
//! WORDS.txt: `bench/core_models.py --dump-words` writes the bench's tokens, one a line, in the
//! order of the pages (repeats kept).

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use korrektor_core::charmodel::CharModel;
use korrektor_core::context::ContextModel;
use korrektor_core::similar::SimilarForms;

fn best_rate(n: usize, repeat: usize, mut f: impl FnMut() -> usize) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..repeat {
        let t = Instant::now();
        black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    n as f64 / best
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, words] = &args[..] else {
        eprintln!("usage: bench_models DATA_DIR WORDS.txt");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    let text = std::fs::read_to_string(words).expect("words");
    let words: Vec<&str> = text.lines().collect();
    let mut distinct = words.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let similar_words: Vec<&str> = distinct
        .iter()
        .copied()
        .filter(|w| w.chars().count() >= 2)
        .take(3000)
        .collect();

    let t = Instant::now();
    let chars = CharModel::load(dir).expect("char model");
    println!("CharModel::load {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let context = ContextModel::load(dir).expect("context model");
    println!(
        "ContextModel::load {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let similar = SimilarForms::load(dir).expect("similar forms");
    println!(
        "SimilarForms::load {:.2} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    for min_count in [500, 20] {
        let t = Instant::now();
        black_box(similar.similar_forms("Bundesregierung", 2, min_count));
        println!(
            "  first query with min_count {min_count} (builds its index) {:.1} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
    }

    let n = words.len();
    let rows = [
        (
            "CharModel::worst",
            n,
            best_rate(n, 5, || {
                words
                    .iter()
                    .map(|w| chars.worst(w))
                    .filter(|&x| x < -9.0)
                    .count()
            }),
        ),
        (
            "ContextModel::knows (adjacent tokens)",
            n - 1,
            best_rate(n - 1, 5, || {
                words
                    .windows(2)
                    .filter(|p| matches!(p, [a, b] if context.knows(a, b)))
                    .count()
            }),
        ),
        (
            "similar_forms(w, 2, 500)",
            similar_words.len(),
            best_rate(similar_words.len(), 3, || {
                similar_words
                    .iter()
                    .map(|w| similar.similar_forms(w, 2, 500).len())
                    .sum()
            }),
        ),
        (
            "similar_forms(w, 2, 20)",
            similar_words.len(),
            best_rate(similar_words.len(), 3, || {
                similar_words
                    .iter()
                    .map(|w| similar.similar_forms(w, 2, 20).len())
                    .sum()
            }),
        ),
    ];
    for (what, n, rate) in rows {
        println!(
            "{what:40} {n:>8} queries {rate:>14.0}/s {:>10.3} µs",
            1e6 / rate
        );
    }
}
