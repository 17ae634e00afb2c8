import { Stack } from '@mantine/core';
import { PageHeader } from '@/components/ui/page-header';
import { useCurrentUser } from '@/lib/auth';
import { useCurrentDistrict } from '@/lib/district';
import { useProducts } from '../api/get-products';
import { CourseLicenses } from './course-licenses';
import { LicensePools } from './license-pools';
import { ProductCatalogue } from './product-catalogue';

/** Step 4: what the district bought (pools) and which courses grant which licenses. */
export function LicensesPage() {
  const { id } = useCurrentDistrict();
  const user = useCurrentUser();
  const products = useProducts();
  return (
    <>
      <PageHeader title="Licenses" description="The seats your district bought, and which licenses each course gives its teachers and students." />
      <Stack gap="lg">
        <LicensePools districtId={id} />
        <CourseLicenses districtId={id} products={products.data ?? []} />
        <ProductCatalogue canEdit={!!user?.isSupport} />
      </Stack>
    </>
  );
}
