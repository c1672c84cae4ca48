-- What a report says beyond its text: the number to call back (prefilled from the
-- reporter's account, `users.phone`) and the site's zone it concerns.
ALTER TABLE incidents ADD COLUMN callback_phone TEXT;
ALTER TABLE incidents ADD COLUMN zone TEXT;
-- The interface language a user chose ('fr', 'en'; empty: none yet), followed on every
-- device they log in from.
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT '';
