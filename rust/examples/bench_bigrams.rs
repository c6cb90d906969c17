//! Lookups per second of the bigram model inside Rust (no Python call per lookup): what the
//! ported decoder will see.
//!
//!     cargo run --release --example bench_bigrams -- DATA_DIR QUERIES.txt
//!
//! QUERIES.txt: `bench/core_bigrams.py --dump-queries` writes the bench's queries, a line each:
//! `hid<TAB>wid<TAB>unknown_cont` for `logp_bigram`, `c<TAB>hid<TAB>wid` for `bigram_count`
//! (`-` for no id).

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use korrektor_core::bigrams::Bigrams;

type Query = (Option<u32>, Option<u32>, f64);

fn best_rate(n: usize, repeat: usize, mut f: impl FnMut() -> f64) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..repeat {
        let t = Instant::now();
        black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    n as f64 / best
}

fn id(s: &str) -> Option<u32> {
    if s == "-" {
        None
    } else {
        Some(s.parse().expect("id"))
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, queries] = &args[..] else {
        eprintln!("usage: bench_bigrams DATA_DIR QUERIES.txt");
        std::process::exit(2);
    };
    let t = Instant::now();
    let model = Bigrams::load(Path::new(dir)).expect("load");
    println!("load: {:.3} ms", t.elapsed().as_secs_f64() * 1e3);
    let text = std::fs::read_to_string(queries).expect("queries");
    let mut logp: Vec<Query> = Vec::new();
    let mut count: Vec<(Option<u32>, Option<u32>)> = Vec::new();
    for line in text.lines() {
        match line.split('\t').collect::<Vec<_>>()[..] {
            ["c", h, w] => count.push((id(h), id(w))),
            [h, w, u] => logp.push((id(h), id(w), u.parse().expect("unknown_cont"))),
            _ => panic!("bad line {line:?}"),
        }
    }
    let r = 5;
    let rate = best_rate(logp.len(), r, || {
        logp.iter()
            .map(|&(h, w, u)| model.logp_bigram(h, w, u))
            .sum()
    });
    println!(
        "logp_bigram  {:8.2} M/s ({} queries)",
        rate / 1e6,
        logp.len()
    );
    let rate = best_rate(count.len(), r, || {
        count.iter().map(|&(h, w)| model.bigram_count(h, w)).sum()
    });
    println!("bigram_count {:8.2} M/s", rate / 1e6);
}
