import { useEffect, useState } from 'react';
import type { PartOffer } from './api.ts';

// The self-paid purchase's cart: held by the page, kept in sessionStorage so a reload or a look at
// another page does not lose it (and it goes when the tab closes: prices change, a cart does not
// outlive the day's work). One item per product; prices as offered, for the totals shown — the
// order is priced by the server when placed.
export type CartItem = {
  productId: string;
  offerId: string;
  partName: string;
  oeNo: string;
  productName: string;
  brand: string;
  grade: PartOffer['product']['grade'];
  supplierName: string;
  unitFen: number;
  vatFen: number;
  minQty: number;
  leadTimeDays: number;
  qty: number;
};

const STORAGE_KEY = 'anpei.shop.cart';
export const MAX_CART_ITEMS = 200;

function load(): CartItem[] {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(value) ? (value as CartItem[]).filter((i) => typeof i?.productId === 'string' && Number.isInteger(i.qty) && i.qty > 0) : [];
  } catch {
    return [];
  }
}

export function useCart() {
  const [items, setItems] = useState<CartItem[]>(load);
  useEffect(() => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(items));
  }, [items]);
  return {
    items,
    add(item: CartItem) {
      setItems((now) => {
        const same = now.find((i) => i.productId === item.productId);
        if (same) return now.map((i) => (i.productId === item.productId ? { ...item, qty: i.qty + item.qty } : i));
        return now.length >= MAX_CART_ITEMS ? now : [...now, item];
      });
    },
    setQty(productId: string, qty: number) {
      setItems((now) => now.map((i) => (i.productId === productId ? { ...i, qty } : i)));
    },
    remove(productId: string) {
      setItems((now) => now.filter((i) => i.productId !== productId));
    },
    clear() {
      setItems([]);
    },
    totals: {
      amountFen: items.reduce((n, i) => n + i.unitFen * i.qty, 0),
      vatFen: items.reduce((n, i) => n + i.vatFen * i.qty, 0),
      units: items.reduce((n, i) => n + i.qty, 0),
    },
  };
}
