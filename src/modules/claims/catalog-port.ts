// What the claims module uses of the catalog, through the catalog's public surface.
export { decodeVin, matchVehicleModels, normaliseOe, part, vehicleModel, vinProblem, type VehicleModelDto } from '../catalog/index.ts';
