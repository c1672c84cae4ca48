//! The rules every text of a report or an action follows: trimmed, bounded, required or
//! not; and the shape of a callback number and of a GDPR notice.

use vigie_engine::communication::GdprNotice;

use crate::error::Error;

/// The longest description kept.
pub(super) const MAX_TEXT: usize = 20_000;

pub(crate) fn required_text(field: &str, value: &str) -> Result<String, Error> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        Err(Error::field(field, "required"))
    } else if trimmed.chars().count() > MAX_TEXT {
        Err(Error::field(field, format!("longer than {MAX_TEXT} characters")))
    } else {
        Ok(trimmed.to_string())
    }
}

/// The most data categories a GDPR notice names, and the longest one.
pub(super) const MAX_DATA_CATEGORIES: usize = 20;
pub(super) const MAX_DATA_CATEGORY: usize = 200;

/// A GDPR notice as it is sent and stored: every text trimmed and bounded like the others,
/// the categories too.
pub(super) fn cleaned_notice(content: &GdprNotice) -> Result<GdprNotice, Error> {
    let missing = content.missing();
    if let Some(first) = missing.first() {
        return Err(Error::field(*first, format!("required; the notice lacks {}", missing.join(", "))));
    }
    if content.data_categories.len() > MAX_DATA_CATEGORIES {
        return Err(Error::field("data_categories", format!("more than {MAX_DATA_CATEGORIES} categories")));
    }
    let mut data_categories = Vec::new();
    for category in &content.data_categories {
        let category = required_text("data_categories", category)?;
        if category.chars().count() > MAX_DATA_CATEGORY {
            return Err(Error::field(
                "data_categories",
                format!("a category longer than {MAX_DATA_CATEGORY} characters"),
            ));
        }
        data_categories.push(category);
    }
    Ok(GdprNotice {
        nature: required_text("nature", &content.nature)?,
        data_categories,
        people_estimate: content.people_estimate,
        records_estimate: content.records_estimate,
        consequences: required_text("consequences", &content.consequences)?,
        measures: required_text("measures", &content.measures)?,
        contact: required_text("contact", &content.contact)?,
    })
}

/// The longest a reason, a note or a description may be, as the other texts.
pub(super) fn optional_text(field: &str, value: Option<&str>) -> Result<Option<String>, Error> {
    value.map(str::trim).filter(|v| !v.is_empty()).map(|v| required_text(field, v)).transpose()
}

/// A number to call back, as people write it (`06 12 34 56 78`, `+33 6 12…`,
/// `01.23.45.67.89`): digits with spaces, dots, dashes or parentheses, an optional leading
/// `+`, 6 to 15 digits; kept as written, trimmed.
///
/// # Errors
/// [`Error::BadRequest`] on `callback_phone`.
pub(super) fn callback_number(phone: &str) -> Result<String, Error> {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')') || (c == '+' && i == 0));
    if !allowed || !(6..=15).contains(&digits) {
        return Err(Error::field(
            "callback_phone",
            format!("{phone:?} is not a phone number (digits, an optional leading +)"),
        ));
    }
    Ok(phone.to_string())
}
