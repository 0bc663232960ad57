// All of Mantine's component styles, loaded with the first page that is not the home page. Repeating
// the first page's subset is harmless: the same rules arrive again in Mantine's own order.
import '@mantine/core/styles.css';
