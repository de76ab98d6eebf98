import { expect, test, type Page } from '@playwright/test';
import { gzipBomb } from '../src/core/data/deflate-bomb.test-util';
import { cifarRecords } from '../src/core/import/fixtures.test-util';
import { openLab } from './helpers';

// A gzip bomb: 4 GiB + 1 MiB of zeros in 4.3 MB (built in milliseconds), its trailer's size
// field wrapped (mod 2^32) to 1 MiB, so only the bytes actually inflated can give it away.
const bomb = gzipBomb(4097);
const good = cifarRecords('cifar10', 50, 3).bin;

/** A real drop on the page (not the picker): a DataTransfer holding the file, fetched as binary. */
async function drop(page: Page, name: string, bytes: Uint8Array) {
  const url = `/e2e-files/${name}`;
  await page.route(`**${url}`, (route) => route.fulfill({ body: Buffer.from(bytes), contentType: 'application/octet-stream' }));
  await page.evaluate(async ({ name, url }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([await (await fetch(url)).blob()], name));
    document.querySelector('[data-testid="drop-zone"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name, url });
}

test('a gzip bomb is refused within seconds with the memory budget, and a good file dropped next imports', async ({ page }) => {
  await openLab(page);
  await drop(page, 'bomb.gz', bomb);
  const t0 = Date.now();
  const error = page.getByTestId('import-error');
  await expect(error).toContainText("bomb.gz: expected data that fits the import's memory budget of", { timeout: 30_000 });
  console.log(`gzip bomb refused on the page ${Date.now() - t0} ms after the drop`);
  await expect(error).toContainText(/inflates past it .*decompression bomb/);
  await expect(error).toContainText('the current run and your saved runs are unchanged');

  await drop(page, 'data_batch_1.bin', good);
  const done = page.getByTestId('import-done');
  await expect(done).toContainText('40 training and 10 test images, 10 classes, 32×32×3', { timeout: 30_000 });
  await expect(page.getByTestId('import-status')).not.toContainText('bomb.gz');
  await expect(page.locator('.dataset-list li')).toHaveCount(1);
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('fashion-mnist');
});
