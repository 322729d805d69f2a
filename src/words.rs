//! Counting in words: "1 case", "2 cases", never "case(s)"; lists in
//! words: "a, b or c".

/// `n` with the word for one or for many: `count(2, "case", "cases")` is
/// "2 cases".
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Words listed as a sentence says them: "a", "a or b", "a, b or c".
pub fn either<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let words: Vec<&str> = words.into_iter().collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// A file's size for people: "812 bytes", "14 KB", "3.2 MB", "1.1 GB".
pub fn size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b >= KB * KB * KB {
        format!("{:.1} GB", b / (KB * KB * KB))
    } else if b >= KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else if b >= KB {
        format!("{:.0} KB", b / KB)
    } else {
        count(bytes, "byte", "bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn lists_end_with_or() {
        assert_eq!(super::either(["a"]), "a");
        assert_eq!(super::either(["a", "b"]), "a or b");
        assert_eq!(super::either(["a", "b", "c"]), "a, b or c");
    }

    #[test]
    fn one_and_many() {
        assert_eq!(count(1u32, "case", "cases"), "1 case");
        assert_eq!(count(0u32, "case", "cases"), "0 cases");
        assert_eq!(count(2u64, "working day", "working days"), "2 working days");
    }
}
