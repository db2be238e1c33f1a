-- The projection tables are read by index ranges that the planner, at the default random_page_cost of 4, takes for
-- more expensive than a parallel scan of the whole fact table (it sees reception and relevance bounds as independent).
-- The data of a reporting database is mostly cached: cost random reads accordingly, for this service's role only.
alter role current_user set random_page_cost = 1.1;
