import { useSearchParams } from 'react-router-dom';

// A list's filters kept in the URL (so a link or a reload shows the same rows): read them from
// `params`; set one, or several at once, and an empty value removes it. The history is replaced,
// not pushed: the back button leaves the page rather than undoing each filter.
export function useUrlFilters(): {
  params: URLSearchParams;
  setFilter: (name: string, value: string | undefined) => void;
  setFilters: (values: Record<string, string | undefined>) => void;
} {
  const [params, setParams] = useSearchParams();
  const setFilters = (values: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(values)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };
  return { params, setFilters, setFilter: (name, value) => setFilters({ [name]: value }) };
}
