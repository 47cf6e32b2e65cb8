//! moment's English locale (`en`), Make's default: names, ordinals, meridiem, week rules.

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
pub const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
pub const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
pub const WEEKDAYS_SHORT: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
pub const WEEKDAYS_MIN: [&str; 7] = ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"];

/// English weeks start on Sunday (`dow`) and week 1 is the week holding January 1
/// (moment's `doy` 6). ISO weeks: Monday, and the week holding January 4 (`doy` 4).
pub const WEEK_DOW: i64 = 0;
pub const WEEK_DOY: i64 = 6;
pub const ISO_DOW: i64 = 1;
pub const ISO_DOY: i64 = 4;

/// `st` `nd` `rd` `th`, as in `1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`.
pub fn ordinal_suffix(n: i64) -> &'static str {
    if (n % 100).abs() / 10 == 1 {
        return "th";
    }
    match (n % 10).abs() {
        1 => "st",
        2 => "nd",
        3 => "rd",
        _ => "th",
    }
}

fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Month 1-12 of a name, like moment's `monthsParse`: the text starts with the full or
/// the short name, in any case (`jan`, `January`, `Sept`).
pub fn month_from_name(text: &str) -> Option<i64> {
    (0..12)
        .find(|&i| starts_with_ci(text, MONTHS[i]) || starts_with_ci(text, MONTHS_SHORT[i]))
        .map(|i| i as i64 + 1)
}

/// Weekday 0 (Sunday) to 6 of a name, like moment's `weekdaysParse`: full, short or
/// two-letter name at the start of the text, any case.
pub fn weekday_from_name(text: &str) -> Option<i64> {
    (0..7)
        .find(|&i| {
            starts_with_ci(text, WEEKDAYS[i])
                || starts_with_ci(text, WEEKDAYS_SHORT[i])
                || starts_with_ci(text, WEEKDAYS_MIN[i])
        })
        .map(|i| i as i64)
}

/// Expansion of the localized tokens `LT LTS L LL LLL LLLL l ll lll llll`.
pub fn long_format(token: &str) -> Option<&'static str> {
    Some(match token {
        "LT" => "h:mm A",
        "LTS" => "h:mm:ss A",
        "L" => "MM/DD/YYYY",
        "LL" => "MMMM D, YYYY",
        "LLL" => "MMMM D, YYYY h:mm A",
        "LLLL" => "dddd, MMMM D, YYYY h:mm A",
        "l" => "M/D/YYYY",
        "ll" => "MMM D, YYYY",
        "lll" => "MMM D, YYYY h:mm A",
        "llll" => "ddd, MMM D, YYYY h:mm A",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112]
            .map(|n| format!("{n}{}", ordinal_suffix(n)))
            .into();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th", "112th"
            ]
        );
    }

    #[test]
    fn names() {
        assert_eq!(month_from_name("sept"), Some(9));
        assert_eq!(month_from_name("MAY"), Some(5));
        assert_eq!(month_from_name("Foo"), None);
        assert_eq!(weekday_from_name("monday"), Some(1));
        assert_eq!(weekday_from_name("Th"), Some(4));
        assert_eq!(weekday_from_name("x"), None);
    }
}
