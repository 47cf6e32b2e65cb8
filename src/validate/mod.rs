//! Field validators shared by the actions: e-mail, phone, money, ids, text.
