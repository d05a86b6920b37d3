// The Daytona module: images, build contexts, charts and the error family.
