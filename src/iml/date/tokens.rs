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

/// The tokens moment knows. `Fraction(n)` is `S` repeated n times (1-9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    /// `M`, `Mo`, `MM`, `MMM`, `MMMM`
    Month,
    MonthOrd,
    Month2,
    MonthShort,
    MonthLong,
    /// `D`, `Do`, `DD`, `DDD`, `DDDo`, `DDDD`
    Date,
    DateOrd,
    Date2,
    DayOfYear,
    DayOfYearOrd,
    DayOfYear3,
    /// `d`, `do`, `dd`, `ddd`, `dddd`, `e`, `E`
    Weekday,
    WeekdayOrd,
    WeekdayMin,
    WeekdayShort,
    WeekdayLong,
    LocaleWeekday,
    IsoWeekday,
    /// `w`, `wo`, `ww`, `W`, `Wo`, `WW`
    Week,
    WeekOrd,
    Week2,
    IsoWeek,
    IsoWeekOrd,
    IsoWeek2,
    /// `gg`, `gggg`, `ggggg`, `GG`, `GGGG`, `GGGGG`
    WeekYear2,
    WeekYear4,
    WeekYear5,
    IsoWeekYear2,
    IsoWeekYear4,
    IsoWeekYear5,
    /// `Q`, `Qo`
    Quarter,
    QuarterOrd,
    /// `Y`, `YY`, `YYYY`, `YYYYY`, `YYYYYY`
    Year,
    Year2,
    Year4,
    Year5,
    Year6,
    /// `N` `NN` `NNN` `NNNNN`, `NNNN`, `y` `yy` `yyy` `yyyy` (width), `yo`
    Era,
    EraLong,
    EraYear(u8),
    EraYearOrd,
    /// `H`, `HH`, `h`, `hh`, `k`, `kk`, `hmm`, `hmmss`, `Hmm`, `Hmmss`
    Hour,
    Hour2,
    Hour12,
    Hour12_2,
    HourK,
    HourK2,
    Hmm12,
    Hmmss12,
    Hmm,
    Hmmss,
    /// `a`, `A`
    MeridiemLower,
    MeridiemUpper,
    /// `m`, `mm`, `s`, `ss`, `S`...`SSSSSSSSS`
    Minute,
    Minute2,
    Second,
    Second2,
    Fraction(u8),
    /// `X`, `x`
    Unix,
    UnixMs,
    /// `Z`, `ZZ`, `z` and `zz`
    Offset,
    OffsetCompact,
    ZoneName,
}

/// The token at the start of `s` (which starts with an ASCII letter) and its length,
/// as moment's `formattingTokens` regex reads it: runs of one letter up to the longest
/// token (`YYYYYY`, `SSSSSSSSS`), `o` ordinal suffixes, `hmm(ss)`. `None` is literal text.
fn scan(s: &str) -> (usize, Option<Tok>) {
    use Tok::*;
    let b = s.as_bytes();
    let c = b[0];
    let run = |max: usize| b.iter().take(max).take_while(|&&x| x == c).count();
    let next = b.get(1).copied();
    // The longest run of `c` among `toks` (one token per run length).
    let pick = |toks: &[Tok]| {
        let n = run(toks.len());
        (n, Some(toks[n - 1]))
    };
    match c {
        b'h' | b'H' if s.starts_with("hmmss") || s.starts_with("Hmmss") => {
            (5, Some(if c == b'h' { Hmmss12 } else { Hmmss }))
        }
        b'h' | b'H' if s.starts_with("hmm") || s.starts_with("Hmm") => {
            (3, Some(if c == b'h' { Hmm12 } else { Hmm }))
        }
        b'M' if next == Some(b'o') => (2, Some(MonthOrd)),
        b'D' if next == Some(b'o') => (2, Some(DateOrd)),
        b'D' if s.starts_with("DDDo") => (4, Some(DayOfYearOrd)),
        b'd' if next == Some(b'o') => (2, Some(WeekdayOrd)),
        b'w' if next == Some(b'o') => (2, Some(WeekOrd)),
        b'W' if next == Some(b'o') => (2, Some(IsoWeekOrd)),
        b'Q' if next == Some(b'o') => (2, Some(QuarterOrd)),
        b'y' if next == Some(b'o') => (2, Some(EraYearOrd)),
        b'M' => pick(&[Month, Month2, MonthShort, MonthLong]),
        b'D' => pick(&[Date, Date2, DayOfYear, DayOfYear3]),
        b'd' => pick(&[Weekday, WeekdayMin, WeekdayShort, WeekdayLong]),
        b'w' => pick(&[Week, Week2]),
        b'W' => pick(&[IsoWeek, IsoWeek2]),
        b'N' => pick(&[Era, Era, Era, EraLong, Era]),
        b'y' => pick(&[EraYear(1), EraYear(2), EraYear(3), EraYear(4)]),
        // `YYY` is `YY` then `Y`; `ggg` is `gg` then a literal `g`.
        b'Y' => match pick(&[Year, Year2, Year2, Year4, Year5, Year6]) {
            (3, tok) => (2, tok),
            other => other,
        },
        b'g' => match pick(&[WeekYear2, WeekYear2, WeekYear2, WeekYear4, WeekYear5]) {
            (1, _) => (1, None),
            (3, tok) => (2, tok),
            other => other,
        },
        b'G' => match pick(&[
            IsoWeekYear2,
            IsoWeekYear2,
            IsoWeekYear2,
            IsoWeekYear4,
            IsoWeekYear5,
        ]) {
            (1, _) => (1, None),
            (3, tok) => (2, tok),
            other => other,
        },
        b'H' => pick(&[Hour, Hour2]),
        b'h' => pick(&[Hour12, Hour12_2]),
        b'k' => pick(&[HourK, HourK2]),
        b'm' => pick(&[Minute, Minute2]),
        b's' => pick(&[Second, Second2]),
        b'S' => {
            let n = run(9);
            (n, Some(Fraction(n as u8)))
        }
        b'Z' => pick(&[Offset, OffsetCompact]),
        b'z' => pick(&[ZoneName, ZoneName]),
        b'Q' => (1, Some(Quarter)),
        b'e' => (1, Some(LocaleWeekday)),
        b'E' => (1, Some(IsoWeekday)),
        b'a' => (1, Some(MeridiemLower)),
        b'A' => (1, Some(MeridiemUpper)),
        b'X' => (1, Some(Unix)),
        b'x' => (1, Some(UnixMs)),
        _ => (1, None),
    }
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
                scan(after).0
            } else {
                after.chars().next().map_or(0, char::len_utf8)
            };
            pieces.push(Piece::Literal(&after[..n]));
            rest = &after[n..];
            continue;
        }
        if c.is_ascii_alphabetic() {
            let (n, tok) = scan(rest);
            let t = &rest[..n];
            pieces.push(match tok {
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
        assert_eq!(toks("SSSSSSSSSS"), ["SSSSSSSSS", "S"]);
        assert_eq!(
            toks("ggg g GGGGGG"),
            ["gg", "'g'", "' '", "'g'", "' '", "GGGGG", "'G'"]
        );
        assert_eq!(
            toks("NNNN yo hmmss Hmm"),
            ["NNNN", "' '", "yo", "' '", "hmmss", "' '", "Hmm"]
        );
        assert_eq!(toks("MMMMM"), ["MMMM", "M"]);
        assert_eq!(toks("\\YYYY T"), ["'YYYY'", "' '", "'T'"]);
        assert_eq!(
            toks("[unclosed"),
            ["'['", "'u'", "'n'", "'c'", "'l'", "'o'", "s", "e", "d"]
        );
    }

    #[test]
    fn expands_long_formats() {
        assert_eq!(expand_long_formats("LLLL"), "dddd, MMMM D, YYYY h:mm A");
        assert_eq!(expand_long_formats("LTS [LT]"), "h:mm:ss A [LT]");
        assert_eq!(expand_long_formats("l"), "M/D/YYYY");
    }
}
