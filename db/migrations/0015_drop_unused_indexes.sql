DROP INDEX "stock_move_product_idx";--> statement-breakpoint
DROP INDEX "order_line_quote_line_idx";