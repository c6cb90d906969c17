//! A minimal reader of the `.npy` files the data build writes with `numpy.save`: C order,
//! little-endian integers of 1, 2, 4 or 8 bytes and floats of 4 or 8. [`parse_header`] gives the
//! dtype, shape and data offset, so a memory-mapped file's elements are read where they are;
//! [`read_uints`] copies a one-dimensional integer array out.

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

/// An element type: little-endian (or single-byte) integers and floats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dtype {
    U1,
    U2,
    U4,
    U8,
    I1,
    I2,
    I4,
    I8,
    F4,
    F8,
}

impl Dtype {
    fn parse(descr: &str) -> Option<Dtype> {
        Some(match descr {
            "|u1" | "<u1" => Dtype::U1,
            "<u2" => Dtype::U2,
            "<u4" => Dtype::U4,
            "<u8" => Dtype::U8,
            "|i1" | "<i1" => Dtype::I1,
            "<i2" => Dtype::I2,
            "<i4" => Dtype::I4,
            "<i8" => Dtype::I8,
            "<f4" => Dtype::F4,
            "<f8" => Dtype::F8,
            _ => return None,
        })
    }

    /// Bytes per element.
    pub fn width(self) -> usize {
        match self {
            Dtype::U1 | Dtype::I1 => 1,
            Dtype::U2 | Dtype::I2 => 2,
            Dtype::U4 | Dtype::I4 | Dtype::F4 => 4,
            Dtype::U8 | Dtype::I8 | Dtype::F8 => 8,
        }
    }

    fn is_signed(self) -> bool {
        matches!(self, Dtype::I1 | Dtype::I2 | Dtype::I4 | Dtype::I8)
    }

    fn is_float(self) -> bool {
        matches!(self, Dtype::F4 | Dtype::F8)
    }
}

/// What an `.npy` header says: the element type, the shape (C order) and where the elements
/// start, checked against the file's length (so a mapped file's elements can be read in place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub dtype: Dtype,
    pub shape: Vec<usize>,
    /// offset of the first element in the file
    pub data_offset: usize,
}

impl Header {
    /// Number of elements (the product of the shape).
    pub fn len(&self) -> usize {
        // checked in `parse_header`: the product fits the file
        self.shape.iter().product()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The elements' bytes within the file's bytes.
    pub fn data<'a>(&self, bytes: &'a [u8]) -> &'a [u8] {
        bytes.get(self.data_offset..).unwrap_or_default()
    }
}

/// Parse the header of the `.npy` file `bytes`: C order, a supported dtype, and exactly as many
/// data bytes as the shape needs.
pub fn parse_header(bytes: &[u8]) -> Result<Header, NpyError> {
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
    let dtype =
        Dtype::parse(descr).ok_or_else(|| NpyError(format!("unsupported dtype {descr}")))?;
    if header_field(header, "fortran_order") != Some("False") {
        return err("Fortran order");
    }
    let shape_text = header_field(header, "shape").ok_or_else(|| NpyError("no shape".into()))?;
    let shape = shape_text
        .trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|d| d.parse::<usize>())
        .collect::<Result<Vec<usize>, _>>()
        .map_err(|_| NpyError(format!("bad shape {shape_text}")))?;
    let data = bytes.len() - body;
    let needed = shape
        .iter()
        .try_fold(dtype.width(), |n, &d| n.checked_mul(d))
        .ok_or_else(|| NpyError(format!("shape {shape_text} too large")))?;
    if data != needed {
        return err(format!(
            "{data} data bytes for shape {shape_text} of {descr} ({needed} expected)"
        ));
    }
    Ok(Header {
        dtype,
        shape,
        data_offset: body,
    })
}

/// The elements of a one-dimensional integer array, widened to `u64` (a negative signed
/// element is an error: the data has none).
pub fn read_uints(bytes: &[u8]) -> Result<Vec<u64>, NpyError> {
    let header = parse_header(bytes)?;
    if header.dtype.is_float() {
        return err(format!("unsupported dtype {:?}", header.dtype));
    }
    if header.shape.len() != 1 {
        return err(format!("not one-dimensional: {:?}", header.shape));
    }
    let (width, signed) = (header.dtype.width(), header.dtype.is_signed());
    header
        .data(bytes)
        .chunks_exact(width)
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

/// The bytes `numpy.save` writes for an array of `descr` elements of `shape` (a Python tuple,
/// "(3,)") whose data is `data`: the tests' fixtures.
#[cfg(test)]
pub(crate) fn npy_file(descr: &str, shape: &str, data: &[u8]) -> Vec<u8> {
    let mut header = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
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

#[cfg(test)]
mod tests {
    use super::*;

    fn npy(descr: &str, n: usize, data: &[u8]) -> Vec<u8> {
        npy_shaped(descr, &format!("({n},)"), data)
    }

    fn npy_shaped(descr: &str, shape: &str, data: &[u8]) -> Vec<u8> {
        npy_file(descr, shape, data)
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

    #[test]
    fn header_of_2d_and_float_arrays() {
        let file = npy_shaped("|u1", "(2, 3)", &[1, 2, 3, 4, 5, 6]);
        let h = parse_header(&file).unwrap();
        assert_eq!(
            (h.dtype, h.shape.clone(), h.len()),
            (Dtype::U1, vec![2, 3], 6)
        );
        assert_eq!(h.data_offset % 64, 0, "numpy pads the header to 64 bytes");
        assert_eq!(h.data(&file), &[1, 2, 3, 4, 5, 6]);
        assert!(read_uints(&file).is_err(), "two-dimensional");

        let data: Vec<u8> = [0.5f32, -2.25]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let file = npy("<f4", 2, &data);
        let h = parse_header(&file).unwrap();
        assert_eq!((h.dtype, h.len()), (Dtype::F4, 2));
        assert_eq!(h.data(&file), &data[..]);
        assert_eq!(
            parse_header(&npy("<f8", 1, &[0; 8])).unwrap().dtype,
            Dtype::F8
        );
        assert_eq!(
            parse_header(&npy_shaped("<u4", "(0,)", &[])).unwrap().len(),
            0
        );
    }

    #[test]
    fn header_rejects_bad_input() {
        assert!(parse_header(&npy(">u4", 1, &[0; 4])).is_err(), "big-endian");
        assert!(parse_header(&npy_shaped("|u1", "(2, 3)", &[0; 5])).is_err());
        assert!(parse_header(&npy_shaped("|u1", "(2, x)", &[0; 6])).is_err());
        assert!(parse_header(&npy_shaped("<u8", "(4611686018427387904, 8)", &[])).is_err());
    }
}
