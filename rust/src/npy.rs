//! A minimal reader of the `.npy` files the data build writes with `numpy.save`: one-dimensional,
//! C order, little-endian unsigned or signed integers of 1, 2, 4 or 8 bytes.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NpyError(pub String);

impl fmt::Display for NpyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "npy: {}", self.0)
    }
}

impl std::error::Error for NpyError {}

fn err<T>(msg: impl Into<String>) -> Result<T, NpyError> {
    Err(NpyError(msg.into()))
}

/// The value of `'key': value` in the header dict (the text up to the next comma outside
/// parentheses).
fn header_field<'a>(header: &'a str, key: &str) -> Option<&'a str> {
    let start = header.find(&format!("'{key}':"))? + key.len() + 3;
    let rest = header[start..].trim_start();
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            ',' | '}' if depth == 0 => return Some(rest[..i].trim()),
            _ => {}
        }
    }
    None
}

/// The elements of a one-dimensional integer array, widened to `u64` (a negative signed
/// element is an error: the data has none).
pub fn read_uints(bytes: &[u8]) -> Result<Vec<u64>, NpyError> {
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
        return err("not an .npy file");
    }
    let (header_len, start) = match bytes[6] {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10usize),
        2 | 3 if bytes.len() >= 12 => (
            u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
            12,
        ),
        v => return err(format!("unsupported version {v}")),
    };
    let body = start
        .checked_add(header_len)
        .filter(|&b| b <= bytes.len())
        .map_or_else(|| err("truncated header"), Ok)?;
    let header = std::str::from_utf8(&bytes[start..body])
        .map_err(|_| NpyError("header is not text".into()))?;
    let descr = header_field(header, "descr").ok_or_else(|| NpyError("no descr".into()))?;
    let descr = descr.trim_matches(|c| c == '\'' || c == '"');
    if header_field(header, "fortran_order") != Some("False") {
        return err("Fortran order");
    }
    let shape = header_field(header, "shape").ok_or_else(|| NpyError("no shape".into()))?;
    let dims: Vec<&str> = shape
        .trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let [n] = dims[..] else {
        return err(format!("not one-dimensional: {shape}"));
    };
    let n: usize = n
        .parse()
        .map_err(|_| NpyError(format!("bad shape {shape}")))?;
    let (signed, width) = match descr.as_bytes() {
        [b'<' | b'|', kind @ (b'u' | b'i'), w] if (b'1'..=b'8').contains(w) => {
            (*kind == b'i', (w - b'0') as usize)
        }
        _ => return err(format!("unsupported dtype {descr}")),
    };
    if ![1, 2, 4, 8].contains(&width) {
        return err(format!("unsupported dtype {descr}"));
    }
    let data = &bytes[body..];
    if data.len() != n * width {
        return err(format!(
            "{} data bytes for {n} elements of {width}",
            data.len()
        ));
    }
    data.chunks_exact(width)
        .map(|c| {
            let mut le = [0u8; 8];
            le[..width].copy_from_slice(c);
            if signed && c[width - 1] & 0x80 != 0 {
                return err("negative element");
            }
            Ok(u64::from_le_bytes(le))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn npy(descr: &str, n: usize, data: &[u8]) -> Vec<u8> {
        let mut header =
            format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': ({n},), }}");
        while (10 + header.len() + 1) % 64 != 0 {
            header.push(' ');
        }
        header.push('\n');
        let mut out = b"\x93NUMPY\x01\x00".to_vec();
        out.extend_from_slice(&(header.len() as u16).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(data);
        out
    }

    #[test]
    fn reads_u4() {
        let data: Vec<u8> = [7u32, 0, 1_282_432]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        assert_eq!(
            read_uints(&npy("<u4", 3, &data)).unwrap(),
            vec![7, 0, 1_282_432]
        );
    }

    #[test]
    fn reads_i8_and_u1() {
        let data: Vec<u8> = [5i64, 9].iter().flat_map(|v| v.to_le_bytes()).collect();
        assert_eq!(read_uints(&npy("<i8", 2, &data)).unwrap(), vec![5, 9]);
        assert_eq!(read_uints(&npy("|u1", 2, &[3, 255])).unwrap(), vec![3, 255]);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(read_uints(b"hello").is_err());
        assert!(read_uints(&npy("<f8", 1, &[0; 8])).is_err());
        assert!(read_uints(&npy("<u4", 2, &[0; 4])).is_err());
        assert!(read_uints(&npy("<i4", 1, &(-1i32).to_le_bytes())).is_err());
        let mut cut = npy("<u4", 1, &[0; 4]);
        cut.truncate(20);
        assert!(read_uints(&cut).is_err());
    }
}
