import ArgumentParser
import Daytona
import DaytonaSystem

extension ContextHashScheme: ExpressibleByArgument {}
