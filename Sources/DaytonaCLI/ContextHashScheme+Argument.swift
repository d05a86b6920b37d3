import ArgumentParser
import Daytona

extension ContextHashScheme: ExpressibleByArgument {}
