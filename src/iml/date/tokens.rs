//! Splits a moment.js pattern into tokens, the way moment's `formattingTokens` regex does,
//! after expanding the localized tokens (`LT`, `LL`, ...). Shared by format and parse.

use super::locale::long_format;

/// One piece of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A token moment knows (`YYYY`, `Do`, `SSS`, ...), and its text.
    Token(Tok, &'a str),
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

/// The tokens moment knows. `Fraction(n)` is `S` repeated n times (1-9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    /// `M`, `Mo`, `MM`, `MMM`, `MMMM`
    Month, MonthOrd, Month2, MonthShort, MonthLong,
    /// `D`, `Do`, `DD`, `DDD`, `DDDo`, `DDDD`
    Date, DateOrd, Date2, DayOfYear, DayOfYearOrd, DayOfYear3,
    /// `d`, `do`, `dd`, `ddd`, `dddd`, `e`, `E`
    Weekday, WeekdayOrd, WeekdayMin, WeekdayShort, WeekdayLong, LocaleWeekday, IsoWeekday,
    /// `w`, `wo`, `ww`, `W`, `Wo`, `WW`
    Week, WeekOrd, Week2, IsoWeek, IsoWeekOrd, IsoWeek2,
    /// `gg`, `gggg`, `ggggg`, `GG`, `GGGG`, `GGGGG`
    WeekYear2, WeekYear4, WeekYear5, IsoWeekYear2, IsoWeekYear4, IsoWeekYear5,
    /// `Q`, `Qo`
    Quarter, QuarterOrd,
    /// `Y`, `YY`, `YYYY`, `YYYYY`, `YYYYYY`
    Year, Year2, Year4, Year5, Year6,
    /// `N` `NN` `NNN` `NNNNN`, `NNNN`, `y` `yy` `yyy` `yyyy` (width), `yo`
    Era, EraLong, EraYear(u8), EraYearOrd,
    /// `H`, `HH`, `h`, `hh`, `k`, `kk`, `hmm`, `hmmss`, `Hmm`, `Hmmss`
    Hour, Hour2, Hour12, Hour12_2, HourK, HourK2, Hmm12, Hmmss12, Hmm, Hmmss,
    /// `a`, `A`
    MeridiemLower, MeridiemUpper,
    /// `m`, `mm`, `s`, `ss`, `S`...`SSSSSSSSS`
    Minute, Minute2, Second, Second2, Fraction(u8),
    /// `X`, `x`
    Unix, UnixMs,
    /// `Z`, `ZZ`, `z` and `zz`
    Offset, OffsetCompact, ZoneName,
}

/// The token a piece of pattern names; `None` makes it literal text.
fn classify(t: &str) -> Option<Tok> {
    use Tok::*;
    Some(match t {
        "M" => Month, "Mo" => MonthOrd, "MM" => Month2, "MMM" => MonthShort, "MMMM" => MonthLong,
        "D" => Date, "Do" => DateOrd, "DD" => Date2, "DDD" => DayOfYear, "DDDo" => DayOfYearOrd, "DDDD" => DayOfYear3,
        "d" => Weekday, "do" => WeekdayOrd, "dd" => WeekdayMin, "ddd" => WeekdayShort, "dddd" => WeekdayLong,
        "e" => LocaleWeekday, "E" => IsoWeekday,
        "w" => Week, "wo" => WeekOrd, "ww" => Week2, "W" => IsoWeek, "Wo" => IsoWeekOrd, "WW" => IsoWeek2,
        "gg" => WeekYear2, "gggg" => WeekYear4, "ggggg" => WeekYear5,
        "GG" => IsoWeekYear2, "GGGG" => IsoWeekYear4, "GGGGG" => IsoWeekYear5,
        "Q" => Quarter, "Qo" => QuarterOrd,
        "Y" => Year, "YY" => Year2, "YYYY" => Year4, "YYYYY" => Year5, "YYYYYY" => Year6,
        "N" | "NN" | "NNN" | "NNNNN" => Era, "NNNN" => EraLong,
        "y" | "yy" | "yyy" | "yyyy" => EraYear(t.len() as u8), "yo" => EraYearOrd,
        "H" => Hour, "HH" => Hour2, "h" => Hour12, "hh" => Hour12_2, "k" => HourK, "kk" => HourK2,
        "hmm" => Hmm12, "hmmss" => Hmmss12, "Hmm" => Hmm, "Hmmss" => Hmmss,
        "a" => MeridiemLower, "A" => MeridiemUpper,
        "m" => Minute, "mm" => Minute2, "s" => Second, "ss" => Second2,
        "X" => Unix, "x" => UnixMs, "Z" => Offset, "ZZ" => OffsetCompact, "z" | "zz" => ZoneName,
        _ if !t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b == b'S') => Fraction(t.len() as u8),
        _ => return None,
    })
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
            pieces.push(match classify(t) {
                Some(tok) => Piece::Token(tok, t),
                None => Piece::Literal(t),
            });
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
                Piece::Token(_, s) => s.to_string(),
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
