//! Tokens of the expression inside `{{ ... }}`. The lexer is pulled by the parser one
//! token at a time (rather than tokenising up front) because the scenario dialect reads
//! unquoted text arguments, `formatNumber(1.total; 2; .; ,)`, straight from the source.

use super::Dialect;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A number literal; `int` when it is plain digits (a module id in `1.field`).
    Num { value: f64, int: bool },
    Str(String),
    Ident { name: String, quoted: bool },
    Op(&'static str),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Dot,
    /// The dialect's argument separator: `;` in scenarios, `,` in app code.
    Sep,
    Close,
    End,
}

impl Tok {
    pub fn describe(&self) -> String {
        match self {
            Tok::Num { .. } => "a number".into(),
            Tok::Str(_) => "a text literal".into(),
            Tok::Ident { name, .. } => format!("`{name}`"),
            Tok::Op(o) => format!("`{o}`"),
            Tok::LParen => "`(`".into(),
            Tok::RParen => "`)`".into(),
            Tok::LBracket => "`[`".into(),
            Tok::RBracket => "`]`".into(),
            Tok::Dot => "`.`".into(),
            Tok::Sep => "an argument separator".into(),
            Tok::Close => "`}}`".into(),
            Tok::End => "the end of the template".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LexError {
    pub offset: usize,
    pub message: String,
}

/// Letters of any script may start a name (`שם`); outside ASCII every character that is
/// not white space counts as a letter, which saves Unicode tables in the wasm.
pub fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '$' || (c as u32 >= 0xA0 && !c.is_whitespace())
}

pub fn is_ident_char(c: char) -> bool {
    is_ident_start(c) || c.is_ascii_digit()
}

pub struct Lexer<'s> {
    pub src: &'s str,
    pub pos: usize,
    pub dialect: Dialect,
}

impl<'s> Lexer<'s> {
    pub fn new(src: &'s str, pos: usize, dialect: Dialect) -> Self {
        Lexer { src, pos, dialect }
    }

    pub fn rest(&self) -> &'s str {
        &self.src[self.pos..]
    }

    pub fn skip_ws(&mut self) {
        let r = self.rest();
        let trimmed = r.trim_start();
        self.pos += r.len() - trimmed.len();
    }

    /// The next token and where it starts, without consuming it.
    pub fn peek(&mut self) -> Result<(Tok, usize), LexError> {
        let save = self.pos;
        let t = self.next();
        self.pos = save;
        t
    }

    pub fn next(&mut self) -> Result<(Tok, usize), LexError> {
        self.skip_ws();
        let start = self.pos;
        let r = self.rest();
        let Some(c) = r.chars().next() else { return Ok((Tok::End, start)) };
        let two = r.get(..2).unwrap_or("");
        let three = r.get(..3).unwrap_or("");
        let sep = if self.dialect == Dialect::Scenario { ';' } else { ',' };
        let (tok, len) = match c {
            '}' if two == "}}" => (Tok::Close, 2),
            '(' => (Tok::LParen, 1),
            ')' => (Tok::RParen, 1),
            '[' => (Tok::LBracket, 1),
            ']' => (Tok::RBracket, 1),
            '.' if !r[1..].starts_with(|d: char| d.is_ascii_digit()) => (Tok::Dot, 1),
            c if c == sep => (Tok::Sep, 1),
            '=' if three == "===" => (Tok::Op("=="), 3),
            '=' if two == "==" => (Tok::Op("=="), 2),
            '=' => (Tok::Op("=="), 1),
            '!' if three == "!==" => (Tok::Op("!="), 3),
            '!' if two == "!=" => (Tok::Op("!="), 2),
            '!' => (Tok::Op("!"), 1),
            '<' if two == "<=" => (Tok::Op("<="), 2),
            '<' if two == "<>" => (Tok::Op("!="), 2),
            '<' => (Tok::Op("<"), 1),
            '>' if two == ">=" => (Tok::Op(">="), 2),
            '>' => (Tok::Op(">"), 1),
            '&' if two == "&&" => (Tok::Op("&&"), 2),
            '|' if two == "||" => (Tok::Op("||"), 2),
            '+' => (Tok::Op("+"), 1),
            '-' => (Tok::Op("-"), 1),
            '*' => (Tok::Op("*"), 1),
            '/' => (Tok::Op("/"), 1),
            '%' => (Tok::Op("%"), 1),
            '"' | '\'' => return self.string(c),
            '`' => return self.backtick().map(|name| (Tok::Ident { name, quoted: true }, start)),
            c if c.is_ascii_digit() || c == '.' => return self.number(),
            c if is_ident_start(c) => {
                let n = r.find(|c: char| !is_ident_char(c)).unwrap_or(r.len());
                let word = &r[..n];
                self.pos += n;
                if self.dialect == Dialect::Scenario {
                    match word {
                        "and" => return Ok((Tok::Op("&&"), start)),
                        "or" => return Ok((Tok::Op("||"), start)),
                        "mod" => return Ok((Tok::Op("%"), start)),
                        _ => {}
                    }
                }
                return Ok((Tok::Ident { name: word.to_string(), quoted: false }, start));
            }
            c => {
                return Err(LexError { offset: start, message: format!("unexpected character `{c}`") });
            }
        };
        self.pos += len;
        Ok((tok, start))
    }

    fn number(&mut self) -> Result<(Tok, usize), LexError> {
        let start = self.pos;
        let b = self.src.as_bytes();
        let mut i = self.pos;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let mut int = true;
        if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
            int = false;
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
        if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
            let mut j = i + 1;
            if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
                j += 1;
            }
            if j < b.len() && b[j].is_ascii_digit() {
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                int = false;
                i = j;
            }
        }
        let text = &self.src[start..i];
        self.pos = i;
        let plain = text.trim_start_matches('0');
        let plain = if plain.is_empty() || plain.starts_with(['.', 'e', 'E']) { format!("0{plain}") } else { plain.to_string() };
        let value = super::number::parse_f64(&plain);
        Ok((Tok::Num { value, int }, start))
    }

    fn string(&mut self, quote: char) -> Result<(Tok, usize), LexError> {
        let start = self.pos;
        let mut out = String::new();
        let mut chars = self.src[start + 1..].char_indices();
        while let Some((i, c)) = chars.next() {
            if c == quote {
                self.pos = start + 1 + i + 1;
                return Ok((Tok::Str(out), start));
            }
            if c == '\\' {
                let Some((_, e)) = chars.next() else { break };
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'v' => out.push('\u{b}'),
                    '0' => out.push('\0'),
                    'u' => {
                        let hex: String = chars.by_ref().take(4).map(|(_, c)| c).collect();
                        let unit = u16::from_str_radix(&hex, 16).map_err(|_| LexError {
                            offset: start + 1 + i,
                            message: "expected four hex digits after `\\u`".into(),
                        })?;
                        // a surrogate pair is two escapes
                        if (0xD800..0xDC00).contains(&unit) {
                            let rest = chars.as_str();
                            if let Some(lo) = rest.strip_prefix("\\u").and_then(|r| r.get(..4)).and_then(|h| u16::from_str_radix(h, 16).ok()) {
                                out.push_str(&String::from_utf16_lossy(&[unit, lo]));
                                for _ in 0..6 {
                                    chars.next();
                                }
                                continue;
                            }
                        }
                        out.push_str(&String::from_utf16_lossy(&[unit]));
                    }
                    other => out.push(other),
                }
            } else {
                out.push(c);
            }
        }
        Err(LexError { offset: start, message: format!("unterminated text literal: expected a closing {quote}") })
    }

    fn backtick(&mut self) -> Result<String, LexError> {
        let start = self.pos;
        match self.src[start + 1..].find('`') {
            Some(n) => {
                self.pos = start + 1 + n + 1;
                Ok(self.src[start + 1..start + 1 + n].to_string())
            }
            None => Err(LexError { offset: start, message: "unterminated `name`: expected a closing backtick".into() }),
        }
    }

    /// A key after a dot: a backticked name or a run of name characters (digits too:
    /// `1.items.0`).
    pub fn key(&mut self) -> Result<String, LexError> {
        let start = self.pos;
        if self.rest().starts_with('`') {
            return self.backtick();
        }
        let r = self.rest();
        let n = r.find(|c: char| !is_ident_char(c)).unwrap_or(r.len());
        if n == 0 {
            return Err(LexError { offset: start, message: "expected a key after `.`".into() });
        }
        self.pos += n;
        Ok(r[..n].to_string())
    }
}
