/** The texts of the closing history and the warehouse history (SPEC §7, §8): [ro, en]. Spread into messages.ts. */
export const historyMessages = {
  'history.closings': ['Istoric închideri', 'Closing history'],
  'history.rowsOf': ['Închiderea din {date}', 'Closing of {date}'],
  'history.averageCost': ['Cost mediu', 'Average cost'],
  'history.movingRate': ['Cost mediu mobil', 'Moving average rate'],
  'history.lastCost': ['Ultimul cost', 'Last cost'],
  'history.purchasedQty': ['Cantitate achiziționată', 'Purchased quantity'],
  'history.purchasedValue': ['Valoare achiziționată', 'Purchased value'],
  'history.fifoLayers': ['Straturi FIFO', 'FIFO layers'],
  'history.lifoLayers': ['Straturi LIFO', 'LIFO layers'],
  'history.warehouse': ['Arhivă gestiune', 'Warehouse history'],
  'history.managementArea': ['Zonă de gestiune', 'Management area'],
  'history.unitValue': ['Valoare unitară', 'Unit value'],
} as const satisfies Record<string, readonly [string, string]>;
