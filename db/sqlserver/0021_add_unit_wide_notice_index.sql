-- The per-request costs every page pays (issue 17). The header's bell counts the signed-in user's unread notices on
-- every page: those to them (ix_notifications_user) and those to their unit as a whole, from this filtered index alone
-- (its key ends with the clustered key, id, which the reads are checked by). The older ix_notifications_unit_id also
-- holds the unit's notices to single users, so counting from it read every notice row of the unit to test user_id.
-- Kept in lockstep with db/sqlite/0021_add_unit_wide_notice_index.sql.
CREATE INDEX ix_notifications_unit_wide ON dbo.notifications (unit_id) INCLUDE (user_id) WHERE user_id IS NULL;
