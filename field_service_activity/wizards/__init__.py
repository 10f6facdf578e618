from . import fsm_equipment_receive
from . import fsm_equipment_send
