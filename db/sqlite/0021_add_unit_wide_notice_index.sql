-- The per-request costs every page pays (issue 17). The header's bell counts the signed-in user's unread notices on
-- every page: those to them (ix_notifications_user) and those to their unit as a whole, from this index alone. The
-- older ix_notifications_unit_id also holds the unit's notices to single users, so counting from it read every notice
-- row of the unit to test user_id. user_id is always NULL here; it ends the key so that the index covers the query's
-- own "user_id IS NULL", as closed_at does in ix_cases_open_due.
-- Kept in lockstep with db/sqlserver/0021_add_unit_wide_notice_index.sql.
CREATE INDEX ix_notifications_unit_wide ON notifications (unit_id, user_id) WHERE user_id IS NULL;
