//! Splits a moment.js pattern into tokens, the way moment's `formattingTokens` regex does,
//! after expanding the localized tokens (`LT`, `LL`, ...). Shared by format and parse.

use super::locale::long_format;

/// One piece of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A token moment knows (`YYYY`, `Do`, `SSS`, ...).
    Token(&'a str),
    /// Text to copy as is: `[escaped]` contents, `\x`, or any other character.
    Literal(&'a str),
}

/// Longest patterns that `formattingTokens` tries, in its order, after `[Hh]mm(ss)?`.
/// Repeated letters are matched greedily up to the listed lengths.
fn token_len(s: &str) -> usize {
    let b = s.as_bytes();
    let run = |c: u8, max: usize| b.iter().take(max).take_while(|&&x| x == c).count();
    let next = |i: usize| b.get(i).copied();
    match b[0] {
        b'H' | b'h' if s.starts_with("hmmss") || s.starts_with("Hmmss") => 5,
        b'H' | b'h' if s.starts_with("hmm") || s.starts_with("Hmm") => 3,
        b'M' if next(1) == Some(b'o') => 2,
        b'M' => run(b'M', 4),
        b'D' if next(1) == Some(b'o') => 2,
        b'D' if s.starts_with("DDDo") => 4,
        b'D' => run(b'D', 4),
        b'd' if next(1) == Some(b'd') => run(b'd', 4),
        b'd' if next(1) == Some(b'o') => 2,
        b'w' if matches!(next(1), Some(b'o') | Some(b'w')) => 2,
        b'W' if matches!(next(1), Some(b'o') | Some(b'W')) => 2,
        b'Q' if next(1) == Some(b'o') => 2,
        b'N' => run(b'N', 5),
        b'Y' => match run(b'Y', 6) {
            6 => 6,
            5 => 5,
            4 => 4,
            2 | 3 => 2,
            _ => 1,
        },
        b'y' if next(1) == Some(b'o') => 2,
        b'y' => run(b'y', 4),
        b'g' => match run(b'g', 5) {
            5 => 5,
            4 => 4,
            2 | 3 => 2,
            _ => 1,
        },
        b'G' => match run(b'G', 5) {
            5 => 5,
            4 => 4,
            2 | 3 => 2,
            _ => 1,
        },
        b'h' | b'H' | b'k' | b'm' | b's' | b'z' | b'Z' => run(b[0], 2),
        b'S' => run(b'S', 9),
        _ => 1,
    }
}

/// Token names that mean something; any other single character is literal text.
fn is_token(t: &str) -> bool {
    matches!(
        t,
        "M" | "Mo" | "MM" | "MMM" | "MMMM" | "D" | "Do" | "DD" | "DDD" | "DDDo" | "DDDD"
            | "d" | "do" | "dd" | "ddd" | "dddd" | "e" | "E" | "w" | "wo" | "ww" | "W" | "Wo"
            | "WW" | "gg" | "gggg" | "ggggg" | "GG" | "GGGG" | "GGGGG" | "Q" | "Qo" | "Y"
            | "YY" | "YYYY" | "YYYYY" | "YYYYYY" | "y" | "yo" | "yy" | "yyy" | "yyyy" | "N"
            | "NN" | "NNN" | "NNNN" | "NNNNN" | "H" | "HH" | "h" | "hh" | "k" | "kk" | "hmm"
            | "hmmss" | "Hmm" | "Hmmss" | "a" | "A" | "m" | "mm" | "s" | "ss" | "X" | "x"
            | "z" | "zz" | "Z" | "ZZ"
    ) || (!t.is_empty() && t.bytes().all(|b| b == b'S'))
}

/// Replaces `LT`, `LTS`, `L`...`LLLL`, `l`...`llll` outside brackets and escapes.
pub fn expand_long_formats(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            if let Some(end) = rest.find(']') {
                if !rest[1..end].contains('[') {
                    out.push_str(&rest[..=end]);
                    rest = &rest[end + 1..];
                    continue;
                }
            }
        }
        if c == '\\' {
            let n = rest[1..].chars().next().map_or(1, |d| 1 + d.len_utf8());
            out.push_str(&rest[..n]);
            rest = &rest[n..];
            continue;
        }
        let len = if rest.starts_with("LTS") {
            3
        } else if rest.starts_with("LT") {
            2
        } else if c == 'L' || c == 'l' {
            rest.bytes().take(4).take_while(|&b| b == c as u8).count()
        } else {
            0
        };
        match (len > 0).then(|| long_format(&rest[..len])).flatten() {
            Some(expansion) => {
                out.push_str(expansion);
                rest = &rest[len..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// The pieces of an (already expanded) pattern.
pub fn tokenize(pattern: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            if let Some(end) = rest.find(']') {
                if !rest[1..end].contains('[') {
                    pieces.push(Piece::Literal(&rest[1..end]));
                    rest = &rest[end + 1..];
                    continue;
                }
            }
        }
        if c == '\\' && rest.len() > 1 {
            // `\` escapes a whole token (`\YYYY` prints `YYYY`), as in moment.
            let after = &rest[1..];
            let n = if after.as_bytes()[0].is_ascii_alphabetic() {
                token_len(after)
            } else {
                after.chars().next().map_or(0, char::len_utf8)
            };
            pieces.push(Piece::Literal(&after[..n]));
            rest = &after[n..];
            continue;
        }
        if c.is_ascii_alphabetic() {
            let n = token_len(rest);
            let t = &rest[..n];
            pieces.push(if is_token(t) { Piece::Token(t) } else { Piece::Literal(t) });
            rest = &rest[n..];
            continue;
        }
        pieces.push(Piece::Literal(&rest[..c.len_utf8()]));
        rest = &rest[c.len_utf8()..];
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(p: &str) -> Vec<String> {
        tokenize(p)
            .into_iter()
            .map(|t| match t {
                Piece::Token(s) => s.to_string(),
                Piece::Literal(s) => format!("'{s}'"),
            })
            .collect()
    }

    #[test]
    fn splits_like_moment() {
        assert_eq!(toks("YYYY-MM-DD"), ["YYYY", "'-'", "MM", "'-'", "DD"]);
        assert_eq!(toks("YYY"), ["YY", "Y"]);
        assert_eq!(toks("DDDo Do DDDD"), ["DDDo", "' '", "Do", "' '", "DDDD"]);
        assert_eq!(toks("[Today is] dddd"), ["'Today is'", "' '", "dddd"]);
        assert_eq!(toks("hh:mm a"), ["hh", "':'", "mm", "' '", "a"]);
        assert_eq!(toks("SSSS"), ["SSSS"]);
        assert_eq!(toks("\\YYYY T"), ["'YYYY'", "' '", "'T'"]);
        assert_eq!(toks("[unclosed"), ["'['", "'u'", "'n'", "'c'", "'l'", "'o'", "s", "e", "d"]);
    }

    #[test]
    fn expands_long_formats() {
        assert_eq!(expand_long_formats("LLLL"), "dddd, MMMM D, YYYY h:mm A");
        assert_eq!(expand_long_formats("LTS [LT]"), "h:mm:ss A [LT]");
        assert_eq!(expand_long_formats("l"), "M/D/YYYY");
    }
}
